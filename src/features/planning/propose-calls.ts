import { ACTIONS_BY_CAMPAIGN_KIND } from '#src/features/decisions/decision-types';
import { firstSlotOutside, nextRetry, type RetrySettings } from '#src/features/queue/retry-rules';
import type { DayBounds } from './plan-clock';
import type { Decide, PlanCampaign, PlanCandidate, Proposal, SkipReason } from './plan-types';

export type ProposeContext = {
  bounds: DayBounds;
  timeZone: string;
  retry: RetrySettings;
  minExpectedValueFen: number;
  campaigns: ReadonlyMap<number, PlanCampaign>;
  /** The earliest any agent calls today: a retry is looked for from here on. */
  firstCallAt: Date;
};

/** Proposals gathered batch by batch (a million candidates never sit in memory at once). */
export type ProposalPool = {
  proposals: Proposal[];
  candidates: number;
  skipped: Partial<Record<SkipReason, number>>;
};

export function newProposalPool(): ProposalPool {
  return { proposals: [], candidates: 0, skipped: {} };
}

function skip(pool: ProposalPool, reason: SkipReason): void {
  pool.skipped[reason] = (pool.skipped[reason] ?? 0) + 1;
}

/**
 * Phase one of the plan: which candidates are worth a call today and with what action. Holdout
 * members are dropped here whatever the caller sent (the experiment depends on it), as are members
 * whose attempts are spent, whose retry is not due yet, who asked to be called back at another
 * time, and those for whom the next-best-action is to do nothing.
 */
export function proposeCalls(
  pool: ProposalPool,
  candidates: Iterable<PlanCandidate>,
  decide: Decide,
  ctx: ProposeContext,
): void {
  for (const candidate of candidates) {
    pool.candidates++;
    if (candidate.arm !== 'treatment') {
      skip(pool, 'holdout');
      continue;
    }
    const campaign = ctx.campaigns.get(candidate.campaignId);
    if (!campaign) {
      skip(pool, 'no_action');
      continue;
    }
    const timing = retryTiming(candidate, ctx);
    if (timing.skip) {
      skip(pool, timing.skip);
      continue;
    }
    const score = decide(candidate.decision, ACTIONS_BY_CAMPAIGN_KIND[campaign.kind]);
    if (
      score.action === 'no_action' ||
      score.expectedValueFen <= 0 ||
      score.expectedValueFen < ctx.minExpectedValueFen
    ) {
      skip(pool, 'no_action');
      continue;
    }
    pool.proposals.push({
      subscriberId: candidate.decision.subscriberId,
      campaignId: candidate.campaignId,
      ownerUserId: candidate.ownerUserId,
      teamId: candidate.teamId,
      permissions: candidate.permissions,
      score,
      priorCalls: candidate.attempts?.calls ?? 0,
      lastAttemptAt: candidate.attempts?.lastAt ?? null,
      retry: timing.retry,
    });
  }
}

type Timing = { skip: SkipReason; retry?: undefined } | { skip?: undefined; retry: Proposal['retry'] };

/**
 * The retry rules (queue/retry-rules.ts) applied to the campaign's attempts: at most K calls; after
 * "not reached" only once the delay has passed and in another daypart, and only when that first
 * slot falls on the plan day.
 */
function retryTiming(candidate: PlanCandidate, ctx: ProposeContext): Timing {
  const attempts = candidate.attempts;
  if (!attempts) return { retry: null };
  if (attempts.calls >= ctx.retry.maxAttempts) return { skip: 'attempts_exhausted' };
  const callbackAt = attempts.lastDisposition === 'call_back' ? attempts.lastCallbackAt : null;
  if (callbackAt && callbackAt.getTime() >= ctx.bounds.start.getTime()) {
    // Today's callback is planned as an owned callback; a later one waits for its day.
    return { skip: 'callback_later' };
  }
  if (attempts.lastDisposition !== 'not_reached') return { retry: null };
  const decision = nextRetry(attempts.lastAt, attempts.calls, ctx.retry, ctx.timeZone);
  if (!decision.retry) return { skip: 'attempts_exhausted' };
  const searchFrom = Math.max(decision.notBefore.getTime(), ctx.firstCallAt.getTime());
  if (searchFrom >= ctx.bounds.end.getTime()) return { skip: 'retry_later' };
  const slot = firstSlotOutside(new Date(searchFrom), decision.avoidDaypart, ctx.retry, ctx.timeZone);
  if (slot.getTime() >= ctx.bounds.end.getTime()) return { skip: 'retry_later' };
  return {
    retry: {
      notBefore: slot,
      avoidDaypart: decision.avoidDaypart,
      attempt: attempts.calls + 1,
      previousAt: attempts.lastAt,
    },
  };
}
