import { CALLBACK_REASON } from '#src/features/calls/call-policy';
import type { DecisionReason } from '#src/features/decisions/decision-types';

/**
 * "Why now" lines the plan adds to a task's reasons, after the decision's "why this action". Stored
 * as {code, params} and rendered in the reader's language (the templates below, for the console).
 */
export const PLAN_REASON_CODES = ['plan_campaign', 'plan_retry', 'plan_overflow'] as const;
export type PlanReasonCode = (typeof PLAN_REASON_CODES)[number];

export function campaignReason(campaignId: number, campaignName: string): DecisionReason {
  return { code: 'plan_campaign', params: { campaignId, campaignName } };
}

export function retryReason(attempt: number, maxAttempts: number, previousAt: Date): DecisionReason {
  return { code: 'plan_retry', params: { attempt, maxAttempts, previousAt: previousAt.toISOString() } };
}

/**
 * A planned callback carries the call panel's own callback reason (calls/call-policy.ts): it names
 * the attempt that asked for it, which the panel's policy check then does not count again.
 */
export function callbackReason(at: Date, contactAttemptId: number): DecisionReason {
  return { code: CALLBACK_REASON, params: { at: at.toISOString(), contactAttemptId } };
}

/** The book owner is off duty or full, so the call went to the team's shared pool. */
export function overflowReason(ownerUserId: number | null): DecisionReason {
  return { code: 'plan_overflow', params: { ownerUserId: ownerUserId ?? 0 } };
}

/** Templates by locale; {name} takes the reason's param of that name. */
export const PLAN_REASON_TEXT: Record<'zh-CN' | 'en', Record<PlanReasonCode, string>> = {
  'zh-CN': {
    plan_campaign: '活动「{campaignName}」今日名单',
    plan_retry: '上次未接通，第 {attempt}/{maxAttempts} 次尝试，换一个时段再拨（上次 {previousAt}）',
    plan_overflow: '专属经理今日不在岗或已排满，由班组共同承接',
  },
  en: {
    plan_campaign: "On today's list of campaign “{campaignName}”",
    plan_retry:
      'Not reached last time: attempt {attempt} of {maxAttempts}, at another time of day (last {previousAt})',
    plan_overflow: "The book owner is off duty or fully booked today, so the team's pool takes it",
  },
};

/** A plan reason in the reader's language (unknown codes fall back to the code itself). */
export function renderPlanReason(reason: DecisionReason, locale: 'zh-CN' | 'en'): string {
  const code = PLAN_REASON_CODES.find((c) => c === reason.code);
  const template = code ? PLAN_REASON_TEXT[locale][code] : reason.code;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(reason.params[name] ?? ''));
}
