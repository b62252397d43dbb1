import { assignCalls } from './assign-calls';
import type { Decide, PlanCandidate, PlanOutcome, PlanProblem } from './plan-types';
import { newProposalPool, type ProposeContext, proposeCalls } from './propose-calls';

/** The earliest instant any agent on duty calls; the day's start when nobody is on duty. */
export function firstCallAt(problem: PlanProblem): Date {
  const starts = problem.agents.map((a) => a.windowStart.getTime());
  return new Date(starts.length > 0 ? Math.min(...starts) : problem.bounds.start.getTime());
}

export function proposeContextOf(problem: PlanProblem): ProposeContext {
  return {
    bounds: problem.bounds,
    timeZone: problem.timeZone,
    retry: problem.retry,
    minExpectedValueFen: problem.minExpectedValueFen,
    campaigns: problem.campaigns,
    firstCallAt: firstCallAt(problem),
  };
}

/**
 * The daily call plan as one pure function: candidates → proposals (next-best-action through
 * `decide`) → tasks within capacity, quota and the contact policy. The service runs the same two
 * phases, feeding candidates batch by batch from a cursor.
 */
export function planCalls(
  problem: PlanProblem,
  candidates: Iterable<PlanCandidate>,
  decide: Decide,
): PlanOutcome {
  const pool = newProposalPool();
  proposeCalls(pool, candidates, decide, proposeContextOf(problem));
  return assignCalls(problem, pool);
}
