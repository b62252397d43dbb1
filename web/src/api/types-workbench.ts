// Mirrors the workbench's API schemas (issue 5): src/features/queue/queue.schemas.ts,
// src/features/calls/{briefing,call-panel}.schemas.ts, src/features/offers/plan-advice.schemas.ts
// (inside the briefing), src/features/scripts/scripts.schemas.ts (lint) and src/features/sms/sms.schemas.ts.
// Dates arrive as ISO strings.
import type { ComplaintPsychology, OpenedTicket } from './types-tickets';

/** Why a task exists: rendered by the console in the reader's language (pages/workbench/reasonText). */
export type TaskReason = { code: string; params: Record<string, string | number> };

export type TaskCampaign = { id: number; name: string; kind: string } | null;

export type QueueItem = {
  id: number;
  subscriberId: number;
  /** The decision action (retention_call, …) or 'callback'. */
  kind: string;
  action: string | null;
  status: 'open' | 'claimed';
  heldByMe: boolean;
  ownedByMe: boolean;
  campaign: TaskCampaign;
  reasons: TaskReason[];
  nameMasked: string;
  msisdnMasked: string;
  dueAt: string;
  attempts: number;
  priority: number;
  offerCode: string | null;
  claimExpiresAt: string | null;
};

export type Queue = { items: QueueItem[]; day: string };
export type ClaimResult = { task: QueueItem | null };
export type TaskResult = { task: QueueItem };

export type RenderedSignal = {
  code: string;
  title: string;
  evidence: string;
  params: Record<string, string | number>;
};

export type CallOffer = {
  code: string;
  rule: string;
  kind: string;
  name: string;
  description: string;
  costFen: number;
  targetPlanCode: string | null;
  targetPlanFeeFen: number | null;
  validTo: string | null;
  /** Whether the cost fits the subscriber's retention budget; null when the budget is unknown. */
  withinBudget: boolean | null;
};

export type ContactPurpose = 'marketing' | 'care';

export type CallVerdict = { purpose: ContactPurpose; allowed: boolean; refusals: string[] };

export type AgentTags = {
  personality: string | null;
  mood: string | null;
  purchasePsychology: string | null;
  communicationStyle: string | null;
  consumptionHabit: string | null;
  complaintPsychology: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
};

export type RecentContact = {
  at: string;
  source: 'call' | 'sms' | 'service';
  channel: string;
  direction: string;
  /** A disposition for our attempts, a contact type for service contacts. */
  outcome: string;
  purpose: string | null;
  agentName: string | null;
  summary: string | null;
};

/** An adaptation hint: what changed in the script for this subscriber's tags, and why (text rendered). */
export type ScriptHint = { code: string; params: Record<string, string | number>; text: string };
export type ScriptStep = { key: string; text: string };
export type ScriptObjection = { trigger: string; response: string };

/** The script for the call: adapted to the subscriber's tags, placeholders filled. */
export type CallScript = {
  code: string;
  scenario: string;
  title: string;
  version: number;
  locale: string;
  steps: ScriptStep[];
  objections: ScriptObjection[];
  hints: ScriptHint[];
  missingVariables: string[];
};

export type Briefing = {
  task: {
    id: number;
    subscriberId: number;
    kind: string;
    action: string | null;
    campaign: TaskCampaign;
    dueAt: string;
    attempts: number;
    claimExpiresAt: string | null;
    dialledAt: string | null;
  };
  who: {
    name: string;
    gender: string | null;
    msisdnMasked: string;
    city: string;
    tier: string | null;
    vipLevel: string;
    vipKind: string | null;
    plan: { code: string; name: string; monthlyFeeFen: number };
    joinDate: string;
    tenureMonths: number;
    contract: { kind: string | null; endDate: string; daysLeft: number } | null;
    sceneTags: string[];
  };
  whyNow: {
    reasons: TaskReason[];
    probability: number | null;
    riskBand: string | null;
    signals: RenderedSignal[];
    keyMoments: { code: string; dueDate: string; text: string }[];
  };
  recentContacts: RecentContact[];
  /** The plan optimiser's view; null when the subscriber has no usage to price. */
  planAdvice: PlanAdvice | null;
  tags: AgentTags;
  /** Null when the call has no script. */
  script: CallScript | null;
  offers: {
    /** The campaign's offers this subscriber is eligible for today, cheapest first (none on care calls). */
    items: CallOffer[];
    /** The retention budget; null without a current score. */
    budgetFen: number | null;
  };
  contactPolicy: CallVerdict;
  can: { editTags: boolean };
  /** Sales offers are held back while this ticket of the subscriber is open (issue 6); null otherwise. */
  offersSuppressedBy?: { ticketId: number; ticketNo: string } | null;
};

export type DialResult = {
  /** manual: dial numberToDial on your own phone; placed: the switch is ringing your extension. */
  mode: 'manual' | 'placed';
  numberToDial: string | null;
  callId: string | null;
  dialledAt: string;
  purpose: ContactPurpose;
};

/** The seven call outcomes, in shortcut order (keys 1–7). */
export const DISPOSITIONS = [
  'not_reached',
  'wrong_number',
  'call_back',
  'refused',
  'accepted',
  'complaint',
  'do_not_call',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** call-rules.ts REFUSAL_REASONS. */
export const REFUSAL_REASONS = ['price', 'no_need', 'competitor', 'busy', 'distrust', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type TagInput = {
  personality: string | null;
  mood: string | null;
  purchasePsychology: string | null;
  communicationStyle: string | null;
  consumptionHabit: string | null;
  complaintPsychology: string | null;
};

type OutcomeCommon = { notes?: string; handleSeconds?: number; tags?: TagInput };
export type OutcomeBody = OutcomeCommon &
  (
    | { disposition: 'not_reached' }
    | { disposition: 'wrong_number' }
    | { disposition: 'call_back'; callbackAt: string }
    | { disposition: 'refused'; reason: RefusalReason; note?: string }
    | { disposition: 'accepted'; offerCode: string }
    | { disposition: 'complaint'; summary: string; complaint?: ComplaintOutcome }
    | { disposition: 'do_not_call' }
  );

/** A complaint raised on the call: its four-part analysis and the ticket to open, in the same step. */
export type ComplaintOutcome = {
  category: string;
  title: string;
  emotion?: string;
  fact: string;
  opinion?: string;
  claim: string;
  complaintPsychology?: ComplaintPsychology;
};

export type NoteWarning = {
  field: 'notes' | 'note' | 'summary';
  code: string;
  match: string;
  suggestion: string;
};

export type OutcomeResult = {
  disposition: Disposition;
  contactAttemptId: number;
  task: {
    id: number;
    status: 'open' | 'done';
    closedReason: string | null;
    attempts: number;
    dueAt: string | null;
  };
  callbackTaskId: number | null;
  cancelledTasks: number;
  /** The ticket a complaint with its analysis opened (null otherwise; absent from older servers). */
  ticket?: OpenedTicket | null;
  surveyQueued: boolean;
  warnings: NoteWarning[];
};

export type PlanAdvice = {
  subscriberId: number;
  runId: number | null;
  asOf: string | null;
  currentPlanCode: string;
  months: string[];
  nightDataShare: number | null;
  current: { code: string; averageFen: number; overageMonths: number; averageOverageFen: number } | null;
  plans: {
    code: string;
    name: string;
    onSale: boolean;
    averageFen: number;
    savingFen: number | null;
    coversUse: boolean;
    proposable: boolean;
  }[];
  recommendations: {
    kind: string;
    targetPlanCode: string | null;
    targetPlanName: string | null;
    offerCode: string | null;
    /** New average monthly cost minus the current one: negative saves the subscriber money. */
    monthlyDifferenceFen: number;
    reasons: TaskReason[];
  }[];
};

export type SmsTemplatePurpose = 'care' | 'marketing' | 'survey';
export type SmsLocale = 'zh-CN' | 'en';

export type SmsTemplate = {
  code: string;
  purpose: SmsTemplatePurpose;
  bodyZh: string;
  bodyEn: string;
  variables: string[];
  isActive: boolean;
  updatedAt: string;
  sizeZh: { encoding: 'gsm7' | 'ucs2'; segments: number };
  sizeEn: { encoding: 'gsm7' | 'ucs2'; segments: number };
};

export type SendSmsBody = {
  templateCode: string;
  variables: Record<string, string>;
  purpose: 'care' | 'marketing';
  campaignId?: number;
  locale: SmsLocale;
};

export type SmsMessage = {
  id: number;
  templateCode: string;
  purpose: string;
  campaignId: number | null;
  surveyForContactId: number | null;
  body: string;
  status: 'queued' | 'submitted' | 'delivered' | 'failed' | 'refused';
  refusals: string[] | null;
  attempts: number;
  error: string | null;
  queuedAt: string;
  notBefore: string;
  submittedAt: string | null;
  deliveredAt: string | null;
};
