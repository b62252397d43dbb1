import { mixSeed, Rng } from '#src/features/demo/random';

/**
 * The truth the simulated month plants about calling (not known to vipdesk, which must find it):
 * how often a call reaches the subscriber, how often a reached subscriber takes the offer, and how
 * often an accepted offer keeps someone who was going to leave. The churn itself comes from the demo
 * generator's ground truth (demo_churn_truth); calling can only remove churn, never add it.
 */
export type PlantedCallEffect = {
  /** P(the subscriber answers one attempt). */
  reach: number;
  /** P(accept | reached) for someone the truth says will leave, and for someone who stays. */
  acceptIfLeaving: number;
  acceptIfStaying: number;
  /** P(stays | accepted, was leaving): the planted effect of a successful retention call. */
  saveIfAccepted: number;
  /** P(refuses marketing for good | reached, not accepted); the rest are "call back" or soft no's. */
  refuseIfNotAccepted: number;
};

export const DEFAULT_PLANTED_EFFECT: PlantedCallEffect = {
  reach: 0.65,
  acceptIfLeaving: 0.5,
  acceptIfStaying: 0.25,
  saveIfAccepted: 0.7,
  refuseIfNotAccepted: 0.7,
};

export type SimulatedAttempt =
  | { disposition: 'not_reached' }
  | { disposition: 'accepted'; saved: boolean }
  | { disposition: 'refused' }
  | { disposition: 'call_back' };

/**
 * One attempt's outcome for one subscriber, drawn from its own seeded stream (seed, subscriber,
 * attempt), so a subscriber's fate does not depend on the order the agents work the queue.
 */
export function drawAttempt(
  effect: PlantedCallEffect,
  seed: number,
  subscriberId: number,
  attempt: number,
  willLeave: boolean,
): SimulatedAttempt {
  const rng = new Rng(mixSeed(seed, subscriberId, attempt, 0x5a11));
  if (!rng.chance(effect.reach)) return { disposition: 'not_reached' };
  const accept = willLeave ? effect.acceptIfLeaving : effect.acceptIfStaying;
  if (rng.chance(accept))
    return { disposition: 'accepted', saved: willLeave && rng.chance(effect.saveIfAccepted) };
  return rng.chance(effect.refuseIfNotAccepted) ? { disposition: 'refused' } : { disposition: 'call_back' };
}

/**
 * The churn reduction among treated leavers the plant implies when every treated member gets up to
 * `attempts` tries (callbacks ignored): P(reached at least once) × P(accept) × P(save). Multiplied by
 * the leavers' share it is the intention-to-treat effect the results report should find.
 */
export function plantedSaveShare(effect: PlantedCallEffect, attempts: number): number {
  const reachedOnce = 1 - (1 - effect.reach) ** attempts;
  return reachedOnce * effect.acceptIfLeaving * effect.saveIfAccepted;
}
