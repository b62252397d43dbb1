import type { DbHandle } from '#src/db/client';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { AppError } from '#src/lib/app-error';
import { todayIn } from '#src/lib/time';
import type { Actor } from '../auth/actor';
import { requireCampaignInScope } from './campaign-access';
import { buildCampaignResults, type CampaignResults, observedUntil } from './campaign-results';
import { countChurnByDay, countOutcomes, type ResultsWindow } from './campaign-results.repository';

/**
 * How results are read. The minimum sample per arm is fixed server-side, not per request, so a
 * reader cannot talk a small campaign into a verdict.
 */
export type ResultsSettings = { minimumPerArm: number; timeZone: string };
export const DEFAULT_MINIMUM_PER_ARM = 100;

export async function getCampaignResults(
  handle: DbHandle,
  actor: Actor,
  id: number,
  settings: ResultsSettings,
  now: Date = new Date(),
): Promise<{ campaignId: number; name: string; campaignStatus: string } & CampaignResults> {
  const campaign = await requireCampaignInScope(handle.db, actor, id);
  if (!campaign.launchedAt || campaign.scoringRunId === null) {
    throw new AppError('CONFLICT', 'The campaign has not been launched, so it has no results yet');
  }
  const launchDay = todayIn(settings.timeZone, campaign.launchedAt);
  const asOf = todayIn(settings.timeZone, now);
  const current = await findCurrentRun(handle.db);
  const window: ResultsWindow = {
    campaignId: id,
    launchDay,
    until: observedUntil(launchDay, campaign.outcomeWindowDays, asOf),
    laterRunId: current && current.id > campaign.scoringRunId ? current.id : null,
  };
  const [counts, churnByDay] = await Promise.all([
    countOutcomes(handle.engine, window),
    countChurnByDay(handle.engine, window),
  ]);
  const results = buildCampaignResults({
    launchDay,
    outcomeWindowDays: campaign.outcomeWindowDays,
    asOf,
    minimumPerArm: settings.minimumPerArm,
    arms: counts.arms,
    strata: counts.strata,
    churnByDay,
    laterRunId: window.laterRunId,
  });
  return { campaignId: id, name: campaign.name, campaignStatus: campaign.status, ...results };
}
