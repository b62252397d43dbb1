// Mirrors the zod response schemas of src/features/{campaigns,offers,scripts,decisions,sms,calls,planning}
// (issue 5: the lead's and analyst's pages). Keep in step with the server's *.schemas.ts.

export const CAMPAIGN_KINDS = ['retention', 'care', 'questionnaire', 'upsell'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'ended'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export type SegmentRule = { field: string; op: string; value: unknown };
export type Segment = { rules: SegmentRule[] };

export type ArmCounts = { treatment: number; holdout: number };

export type Campaign = {
  id: number;
  name: string;
  kind: CampaignKind;
  status: CampaignStatus;
  segment: Segment;
  scriptCode: string | null;
  offerCodes: string[];
  startsOn: string;
  endsOn: string | null;
  dailyQuota: number;
  holdoutShare: number;
  outcomeWindowDays: number;
  teamId: number | null;
  scoringRunId: number | null;
  launchedAt: string | null;
  randomSeed: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  members: ArmCounts;
};

/** What the builder sends on create and on replacing a draft. */
export type CampaignBody = {
  name: string;
  kind: CampaignKind;
  segment: Segment;
  scriptCode: string | null;
  offerCodes: string[];
  startsOn: string;
  endsOn: string | null;
  dailyQuota: number;
  holdoutShare: number;
  outcomeWindowDays: number;
  teamId: number | null;
};

export type SegmentCount = {
  runId: number | null;
  asOf: string | null;
  teamId: number | null;
  total: number;
  breakdown: { tier: string; riskBand: string; count: number }[];
};

export type LaunchResult = {
  campaign: Campaign;
  drawn: { total: number; treatment: number; holdout: number };
};

export type Interval = { low: number; high: number };
/** A sentence the console renders from its code and params. */
export type ResultNote = { code: string; params: Record<string, string | number> };
export type Rate = { events: number; trials: number; rate: number | null; interval: Interval };
export type Difference = { difference: number; interval: Interval };
export type ResultsStatus = 'not_enough_data' | 'interim' | 'final';

export type IncrementalArpu =
  | {
      laterRunId: number;
      treatedChanged: number;
      holdoutChanged: number;
      difference: number;
      interval: Interval;
      degreesOfFreedom: number | null;
      standardError: number;
    }
  | { note: ResultNote };

export type CostPerSave =
  | { totalOfferCostFen: number; estimateFen: number; interval: { low: number; high: number | null } }
  | { totalOfferCostFen: number; estimateFen: null; note: ResultNote };

export type Stratum = {
  stratum: string;
  tier: string;
  riskBand: string;
  treatment: { members: number; contacted: number; churn: Rate };
  holdout: { members: number; churn: Rate };
  uplift: Difference | null;
};

export type DailyChurnPoint = {
  day: number;
  date: string;
  treatment: { churned: number; rate: number | null };
  holdout: { churned: number; rate: number | null };
};

export type CampaignResults = {
  campaignId: number;
  name: string;
  campaignStatus: string;
  status: ResultsStatus;
  note: ResultNote;
  asOf: string;
  launchDay: string;
  outcomeWindowDays: number;
  windowEndsOn: string;
  observedUntil: string;
  minimumPerArm: number;
  arms: ArmCounts;
  holdoutContacted: number;
  contactRate: Rate;
  reachRate: Rate;
  acceptanceRate: Rate;
  churn: { treatment: Rate; holdout: Rate };
  saveRateUplift: Difference | null;
  incrementalArpu: IncrementalArpu;
  costPerSave: CostPerSave;
  strata: Stratum[];
  dailyChurn: DailyChurnPoint[];
};

// Offers (the five retention rules).
export const OFFER_RULES = ['cost', 'product', 'relationship', 'value', 'embedded'] as const;
export type OfferRule = (typeof OFFER_RULES)[number];
export const OFFER_KINDS = [
  'bill_discount',
  'monthly_rebate',
  'recharge_rebate',
  'handset_subsidy',
  'group_bundle',
  'custom_bundle',
  'broadband_bundle',
  'plan_change',
  'family_plan',
  'night_pack',
  'data_pack',
  'surprise_care',
  'club',
  'brand_event',
  'info_service',
  'family_care',
] as const;
export const PLAN_MOVE_KINDS: readonly string[] = ['plan_change', 'family_plan'];
export const OFFER_CHANNELS = ['call', 'sms', 'any'] as const;

export type OfferEligibility = {
  tiers?: string[];
  riskBands?: string[];
  segments?: string[];
  signals?: string[];
  planCodes?: string[];
  minTenureMonths?: number;
  sceneTags?: string[];
};

/** What an analyst edits; `code` only on create. */
export type OfferFields = {
  rule: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  eligibility: OfferEligibility;
  costFen: number;
  targetPlanCode: string | null;
  channel: string;
  scriptCode: string | null;
  validFrom: string;
  validTo: string | null;
  isActive: boolean;
};

export type Offer = OfferFields & {
  id: number;
  code: string;
  name: string;
  description: string;
  availableToday: boolean;
  updatedAt: string;
};

export type OfferList = { asOf: string; items: Offer[] };

// Call scripts.
export type ScriptSummary = {
  code: string;
  scenario: string;
  titleZh: string;
  titleEn: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
};

export type ScriptList = { items: ScriptSummary[]; variables: string[]; objectionTriggers: string[] };

export type Objection = { trigger: string; response: string };
export type ScriptLanguage = {
  opening: string;
  purpose: string;
  disclosure: string;
  objections: Objection[];
  closing: string;
};
export const SCRIPT_LOCALES = ['zh-CN', 'en'] as const;
export type ScriptLocale = (typeof SCRIPT_LOCALES)[number];
export type ScriptDocument = Record<ScriptLocale, ScriptLanguage>;

export type ScriptDetail = ScriptSummary & {
  lang: ScriptLocale;
  title: string;
  content: ScriptLanguage;
  document: ScriptDocument;
};

export type SaveScriptBody = {
  content: ScriptDocument;
  titleZh?: string;
  titleEn?: string;
  expectedVersion?: number;
};

export type LintFinding = {
  code: string;
  locale: ScriptLocale;
  phrase: string;
  match: string;
  /** UTF-16 offsets into the text as written. */
  index: number;
  end: number;
  suggestion: string;
  /** e.g. `zh-CN.objections.0.response`; absent for free text. */
  section?: string;
};

export type LintResult = {
  clean: boolean;
  findings: LintFinding[];
  unknownVariables: { section: string; name: string }[];
};

// SMS templates.
export const SMS_TEMPLATE_PURPOSES = ['care', 'marketing', 'survey'] as const;
export type SmsSize = { encoding: 'gsm7' | 'ucs2'; segments: number };
export type SmsTemplate = {
  code: string;
  purpose: string;
  bodyZh: string;
  bodyEn: string;
  variables: string[];
  isActive: boolean;
  updatedAt: string;
  sizeZh: SmsSize;
  sizeEn: SmsSize;
};
export type SaveSmsTemplateBody = { purpose: string; bodyZh: string; bodyEn: string; isActive: boolean };

// Next-best-action levers.
export const SAVING_ACTIONS = ['retention_call', 'care_call', 'upsell_call', 'care_sms'] as const;
export type SavingAction = (typeof SAVING_ACTIONS)[number];

export type PriorSetting = { default: number; byTier: Record<string, number> };

export type DecisionSettings = {
  value: { horizonMonths: number; tierWeights: Record<string, number>; vipBoost: number };
  costs: { callCostFen: number; smsCostFen: number };
  minExpectedValueFen: number;
  actions: Record<SavingAction, { enabled: boolean }>;
  budget: { maxShareOfAnnualValue: number; capFen: number };
  retention: {
    withoutOfferFactor: number;
    offerRuleFactors: Record<string, number>;
    excludedOfferKinds: string[];
  };
  upsell: {
    offerKinds: string[];
    horizonMonths: number;
    monthlyGainFenByOffer: Record<string, number>;
    monthlyGainFenByKind: Record<string, number>;
    defaultMonthlyGainFen: number;
  };
  care: { keyMomentFactor: number; keyMomentWindowDays: number };
  pSave: {
    priorStrength: number;
    lookbackDays: number;
    priors: Record<SavingAction, PriorSetting>;
  };
};

export type DecisionSettingsVersion = {
  version: number;
  createdAt: string | null;
  settings: DecisionSettings;
};

export type PSaveTable = {
  settingsVersion: number;
  runId: number | null;
  priorStrength: number;
  lookbackDays: number;
  rows: {
    action: SavingAction;
    tier: string;
    prior: number;
    trials: number;
    saves: number;
    estimate: number;
  }[];
};

// Agent KPIs.
export type KpiFigures = {
  calls: number;
  reached: number;
  reachRate: number | null;
  accepted: number;
  acceptanceRate: number | null;
  averageHandleSeconds: number | null;
  callbacks: number;
  complaints: number;
};

export type AgentKpiRow = KpiFigures & { agentUserId: number; displayName: string; teamName: string | null };

export type AgentKpis = {
  from: string;
  to: string;
  teamId: number | null;
  items: AgentKpiRow[];
  totals: KpiFigures;
};

// Today's call plan.
export type PlanStatus = 'building' | 'ready' | 'failed';

export type ShiftInput = { agentUserId: number; from: string; until: string; breakMinutes: number };

export type PlanInputs = {
  day?: string;
  shifts?: ShiftInput[];
  handleMinutes: number;
  occupancy: number;
};

export type PlanInputsView = {
  day: string;
  teamId: number | null;
  timeZone: string;
  handleMinutes: number;
  occupancy: number;
  shifts: (ShiftInput & { teamId: number | null })[];
};

export type PlanSummary = {
  scoringRunId: number | null;
  decisionSettingsVersion: number | null;
  minExpectedValueFen: number;
  replaced: number;
  capacity: { agents: number; shiftCalls: number; calls: number; alreadyQueued: number };
  candidates: number;
  proposals: number;
  chosen: {
    total: number;
    callbacks: number;
    retries: number;
    overflow: number;
    byCampaign: { campaignId: number; name: string; kind: string; dailyQuota: number; chosen: number }[];
    byAction: Record<string, number>;
  };
  perAgent: {
    agentUserId: number;
    teamId: number | null;
    shiftCapacity: number;
    queued: number;
    capacity: number;
    assigned: number;
    callbacks: number;
    retries: number;
  }[];
  overflowByTeam: Record<string, number>;
  unassigned: { total: number; byTeam: Record<string, number> };
  skipped: Record<string, number>;
  policyRefusals: Record<string, number>;
  seconds: Record<string, number>;
};

export type Plan = {
  id: number;
  day: string;
  status: PlanStatus;
  createdBy: number | null;
  createdAt: string;
  inputs: PlanInputsView | null;
  summary: PlanSummary | null;
  error: string | null;
};

export type PlanListItem = {
  id: number;
  day: string;
  status: PlanStatus;
  teamId: number | null;
  createdBy: number | null;
  createdAt: string;
  agents: number | null;
  capacity: number | null;
  chosen: number | null;
};

export type PlanProgress = {
  planId: number;
  day: string;
  agents: {
    agentUserId: number;
    displayName: string;
    teamId: number | null;
    assigned: number;
    done: number;
    reached: number;
    accepted: number;
    open: number;
    claimed: number;
  }[];
  pools: { teamId: number; total: number; open: number; claimed: number; done: number }[];
};
