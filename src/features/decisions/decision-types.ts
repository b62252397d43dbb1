import type { OfferEligibility } from '#src/features/offers/offer-eligibility';

/**
 * The contract between next-best-action (decisions/), the daily call plan (planning/) and the call
 * panel (queue/): what a decision is made about and what it returns. Types only.
 */

/** The actions a campaign can take with a subscriber (issue 5 §2). */
export const ACTIONS = ['retention_call', 'care_call', 'upsell_call', 'care_sms', 'no_action'] as const;
export type Action = (typeof ACTIONS)[number];

/** Which actions each campaign kind may choose from. */
export const CAMPAIGN_KINDS = ['retention', 'care', 'questionnaire', 'upsell'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const ACTIONS_BY_CAMPAIGN_KIND: Record<CampaignKind, readonly Action[]> = {
  retention: ['retention_call', 'no_action'],
  care: ['care_call', 'care_sms', 'no_action'],
  questionnaire: ['care_call', 'no_action'],
  upsell: ['upsell_call', 'no_action'],
};

/** A subscriber as a decision sees them: the current score plus a little profile. */
export type DecisionCandidate = {
  subscriberId: number;
  /** P(churn) from the current scoring run. */
  probability: number;
  /** Monthly value: 3-month ARPU in fen (0 when unknown). */
  monthlyValueFen: number;
  revenueAtRiskFen: number;
  tier: string;
  riskBand: string;
  segments: readonly string[];
  signalCodes: readonly string[];
  lifecycleStage: string;
  vipKind: string;
  planCode: string;
  tenureMonths: number;
  sceneTags: readonly string[];
  /** A key moment (birthday, business handled, …) falls in the planning window. */
  hasKeyMoment: boolean;
  /** A service ticket of theirs is being worked (open or waiting on them): nothing is sold to them
   * until it is closed, care only (issue 6 §7). */
  openTicket: boolean;
};

/** An offer as a decision weighs it (offers table). */
export type DecisionOffer = {
  code: string;
  rule: string;
  kind: string;
  costFen: number;
  channel: 'call' | 'sms' | 'any';
  eligibility: OfferEligibility;
  /** For a plan move: the target plan's monthly fee in fen (an upsell's gain is measured against it). */
  targetPlanFeeFen?: number | null;
};

/** One line of "why this action", rendered in the reader's language like the score reasons. */
export type DecisionReason = { code: string; params: Record<string, string | number> };

export type ActionScore = {
  action: Action;
  /** The offer presented, or null (care contacts carry none). */
  offerCode: string | null;
  /** P(churn) × value at risk × P(save | action) − cost, in fen. */
  expectedValueFen: number;
  pSave: number;
  costFen: number;
  reasons: DecisionReason[];
};
