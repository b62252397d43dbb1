import type { Brand, Gender, SubscriberStatus, VipLevel } from './types';
import type { SlaState } from './types-tickets';

export type Profile = {
  id: number;
  msisdnMasked: string;
  idNumberMasked: string | null;
  name: string;
  gender: Gender | null;
  birthDate: string | null;
  province: string;
  city: string;
  district: string | null;
  brand: Brand;
  status: SubscriberStatus;
  statusSince: string;
  vipLevel: VipLevel;
  isGroupCustomer: boolean;
  joinDate: string;
  tenureMonths: number;
  handsetModel: string | null;
  marketingConsent: boolean;
  doNotCall: boolean;
  profilingOptOut: boolean;
  sceneTags: string[];
};

export type Owner = { userId: number; displayName: string; teamName: string | null };

export type Plan = {
  code: string;
  name: string;
  monthlyFeeFen: number;
  includedMinutes: number;
  includedDataMb: number;
  includedSms: number;
};

export type Contract = { contractNo: string; kind: string; endDate: string; daysLeft: number };

export type Signal = { code: string; title: string; evidence: string; params: Record<string, unknown> };
export type Reason = { feature: string; contribution: number; value: unknown; text: string };
export type KeyMoment = { code: string; dueDate: string; text: string };

export type Series = {
  months: string[];
  spendFen: (number | null)[];
  minutes: (number | null)[];
  dataMb: (number | null)[];
};

export type RevenueMix = { voice: number; data: number; valueAdded: number; other: number };

export type Score360 = {
  runId: number;
  asOf: string;
  modelId: number | null;
  probability: number;
  riskBand: string;
  tier: string;
  tierReason: string;
  lifecycleStage: string;
  vipKind: string;
  contributionClass: string;
  inTargetPool: boolean;
  segments: string[];
  arpu3Fen: number | null;
  revenueAtRiskFen: number;
  signals: Signal[];
  reasons: Reason[];
  keyMoments: KeyMoment[];
  series: Series;
  revenueMix: RevenueMix | null;
};

export type Contact = {
  id: number;
  occurredAt: string;
  channel: string;
  direction: string;
  type: string;
  agentName: string | null;
  summary: string | null;
};

/**
 * A ticket on the 360: vipdesk's own (id and ticketNo set, opened here, on an SLA clock) or a complaint
 * imported from the operator's complaint system (id and ticketNo null, complaintNo set). The fields added
 * in issue 6 are optional so the card also reads a server that sends imported complaints only.
 */
export type Ticket = {
  id?: number | null;
  ticketNo?: string | null;
  complaintNo: string | null;
  category: string;
  title?: string | null;
  status: string;
  openedAt: string;
  slaDueAt: string | null;
  slaState?: SlaState | null;
  resolvedAt: string | null;
};

export const TAG_FIELDS = [
  'personality',
  'mood',
  'purchasePsychology',
  'communicationStyle',
  'consumptionHabit',
  'complaintPsychology',
] as const;
export type TagField = (typeof TAG_FIELDS)[number];

export const TAG_CODES: Record<TagField, readonly string[]> = {
  personality: ['eagle', 'peacock', 'dove', 'owl'],
  mood: ['rational', 'complaining', 'angry', 'difficult'],
  purchasePsychology: ['dominant', 'guided', 'counselled', 'resistant'],
  communicationStyle: ['visual', 'auditory', 'kinesthetic'],
  consumptionHabit: ['practical', 'expressive', 'impulsive'],
  complaintPsychology: ['venting', 'respect_seeking', 'compensation_seeking'],
};

export type TagValues = Record<TagField, string | null>;
export type Tags = TagValues & { updatedAt: string | null; updatedBy: string | null };

export type Subscriber360 = {
  profile: Profile;
  owner: Owner | null;
  plan: Plan;
  contract: Contract | null;
  score: Score360 | null;
  contacts: Contact[];
  tickets: Ticket[];
  tags: Tags;
  can: { unmask: boolean; editTags: boolean };
};

export type UnmaskField = 'msisdn' | 'idNumber';
export type UnmaskResult = { msisdn?: string; idNumber?: string | null; auditId: number };
