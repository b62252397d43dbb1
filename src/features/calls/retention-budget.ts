import type { Database } from '#src/db/client';
import { candidateFromScore } from '#src/features/decisions/candidate-from-score';
import { currentDecisionSettings } from '#src/features/decisions/decisions.service';
import { retentionBudgetFen } from '#src/features/decisions/next-best-action';
import { findCurrentScoreFacts, findProfileFacts } from './call-facts.repository';

/**
 * The most the operator should spend keeping this subscriber, by the next-best-action settings in
 * force (a share of annual value, capped). Null without a current score: value is unknown.
 */
export async function retentionBudgetFor(db: Database, subscriberId: number, today: string) {
  const [score, profile, decision] = await Promise.all([
    findCurrentScoreFacts(db, subscriberId),
    findProfileFacts(db, subscriberId),
    currentDecisionSettings(db),
  ]);
  if (!score || !profile) return null;
  const candidate = candidateFromScore(score, profile, {
    onDay: today,
    keyMomentWindowDays: decision.settings.care.keyMomentWindowDays,
  });
  return retentionBudgetFen(candidate, decision.settings);
}
