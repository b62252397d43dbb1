import type { Database } from '#src/db/client';
import { candidateFromScore } from '#src/features/decisions/candidate-from-score';
import { currentDecisionSettings } from '#src/features/decisions/decisions.service';
import { retentionBudgetFen } from '#src/features/decisions/next-best-action';
import { findCurrentScoredSubscriber } from './call-facts.repository';

/**
 * The most the operator should spend keeping this subscriber, by the next-best-action settings in
 * force (a share of annual value, capped). Null without a current score: value is unknown.
 */
export async function retentionBudgetFor(db: Database, subscriberId: number, today: string) {
  const [scored, decision] = await Promise.all([
    findCurrentScoredSubscriber(db, subscriberId),
    currentDecisionSettings(db),
  ]);
  if (!scored) return null;
  const candidate = candidateFromScore(scored.score, scored.subscriber, {
    onDay: today,
    keyMomentWindowDays: decision.settings.care.keyMomentWindowDays,
  });
  return retentionBudgetFen(candidate, decision.settings);
}
