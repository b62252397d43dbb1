import type {
  ContactChannel,
  ContactPermissions,
  ContactPurpose,
  ContactRefusal,
  PastContact,
} from '#src/features/contact-policy/contact-policy';
import type { ContactPolicySettings } from '#src/features/contact-policy/contact-policy-settings';
import type {
  Action,
  ActionScore,
  CampaignKind,
  DecisionCandidate,
  DecisionReason,
} from '#src/features/decisions/decision-types';
import type { RetrySettings } from '#src/features/queue/retry-rules';
import type { DayBounds } from './plan-clock';

/** The next-best-action as the planner sees it: best allowed action for one candidate. */
export type Decide = (candidate: DecisionCandidate, allowed: readonly Action[]) => ActionScore;

export type CampaignArm = 'treatment' | 'holdout';

export type PlanCampaign = { id: number; name: string; kind: CampaignKind; dailyQuota: number };

/** What was tried before for this subscriber in this campaign. */
export type CampaignAttempts = {
  /** Call attempts made (any disposition); at K no more are planned. */
  calls: number;
  lastAt: Date;
  lastDisposition: string;
  /** The callback time the subscriber asked for on the last attempt, if any. */
  lastCallbackAt: Date | null;
};

/** One campaign member the plan may call: the decision's candidate plus what planning needs. */
export type PlanCandidate = {
  decision: DecisionCandidate;
  campaignId: number;
  arm: CampaignArm;
  permissions: ContactPermissions;
  /** The book owner and their team; null when the subscriber has no phone manager. */
  ownerUserId: number | null;
  teamId: number | null;
  attempts: CampaignAttempts | null;
};

/** A call the subscriber asked for ("call back at T"), owned by the agent who took it. */
export type PlanCallback = {
  subscriberId: number;
  /** The attempt that set it up: it and the callback are one conversation for the caps. */
  attemptId: number;
  campaignId: number | null;
  agentUserId: number;
  teamId: number | null;
  at: Date;
  /** The action of the call that set it up (its channel and purpose follow from it). */
  action: Action;
  permissions: ContactPermissions;
};

/** A past contact with the attempt it came from. */
export type HistoryContact = PastContact & { attemptId: number };

/** An agent on duty: their usable calling window on the plan day and how many calls fit in it. */
export type AgentOnDuty = {
  agentUserId: number;
  teamId: number | null;
  /** Shift ∩ calling window (and not before now when planning today). */
  windowStart: Date;
  windowEnd: Date;
  /** Calls this agent can still take today: shift capacity less work already queued for them. */
  capacity: number;
};

/** Everything the planner decides over; plain data, no database. */
export type PlanProblem = {
  bounds: DayBounds;
  timeZone: string;
  agents: readonly AgentOnDuty[];
  /** Pooled capacity already used by unowned open tasks per team. */
  teamQueued: ReadonlyMap<number, number>;
  campaigns: ReadonlyMap<number, PlanCampaign>;
  callbacks: readonly PlanCallback[];
  history: ReadonlyMap<number, readonly HistoryContact[]>;
  policy: ContactPolicySettings;
  retry: RetrySettings;
  minExpectedValueFen: number;
};

/** A candidate the decision wants to contact, waiting for capacity, quota and the policy. */
export type Proposal = {
  subscriberId: number;
  campaignId: number;
  ownerUserId: number | null;
  teamId: number | null;
  permissions: ContactPermissions;
  score: ActionScore;
  /** Calls this campaign already made (the queue counts on from here), and when the last was. */
  priorCalls: number;
  lastAttemptAt: Date | null;
  /** Set for a retry after "not reached": not before, and not in the daypart that failed. */
  retry: { notBefore: Date; avoidDaypart: number; attempt: number; previousAt: Date } | null;
};

export type TaskSource = 'callback' | 'retry' | 'campaign';

/** One call task the plan writes. */
export type PlannedTask = {
  subscriberId: number;
  /** The action, or 'callback'. */
  kind: Action | 'callback';
  action: Action;
  source: TaskSource;
  campaignId: number | null;
  offerCode: string | null;
  expectedValueFen: number | null;
  priority: number;
  reasons: DecisionReason[];
  ownerUserId: number | null;
  teamId: number | null;
  dueAt: Date;
  /** Calls already made for it (a retry carries its campaign's count, so K holds in the queue too). */
  attempts: number;
  lastAttemptAt: Date | null;
  channel: ContactChannel;
  purpose: ContactPurpose;
};

/** Why a candidate or proposal did not become a task (counted in the plan's summary). */
export const SKIP_REASONS = [
  'holdout',
  'attempts_exhausted',
  'retry_later',
  'callback_later',
  'no_action',
  'already_planned',
  'quota_reached',
  'no_capacity',
  'no_retry_slot',
  'no_agent',
  'policy',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type AgentOutcome = {
  agentUserId: number;
  teamId: number | null;
  capacity: number;
  assigned: number;
  callbacks: number;
  retries: number;
};

export type PlanOutcome = {
  tasks: PlannedTask[];
  skipped: Record<SkipReason, number>;
  refusals: Partial<Record<ContactRefusal, number>>;
  agents: AgentOutcome[];
  overflowByTeam: Record<string, number>;
  /** Proposals with EV that found no capacity at all, by the owner's team ('none' without one). */
  unassignedByTeam: Record<string, number>;
  chosenByCampaign: Record<string, number>;
  chosenByAction: Record<string, number>;
};
