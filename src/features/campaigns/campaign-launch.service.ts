import type { Database, DbHandle } from '#src/db/client';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { AppError } from '#src/lib/app-error';
import { todayIn } from '#src/lib/time';
import { auditActor } from '../audit/audit.service';
import type { AuditAction } from '../audit/audit-actions';
import type { Actor } from '../auth/actor';
import { requireCampaignInScope } from './campaign-access';
import { launchCampaignRows } from './campaign-launch.repository';
import { updateCampaignStatus } from './campaigns.repository';
import type { CampaignStatus, CampaignView } from './campaigns.schemas';
import { campaignView } from './campaigns.service';
import { segmentSchema } from './segment-rules';

/**
 * Launches a draft: draws its members from the current run and assigns the holdout, in one
 * transaction, before anyone can be contacted. Launching twice is a conflict. The draw's seed is the
 * launch instant unless one is given (a simulation that must draw the same arms every time).
 */
export async function launchCampaign(
  handle: DbHandle,
  actor: Actor,
  id: number,
  timeZone: string,
  options: { seed?: string } = {},
): Promise<{ campaign: CampaignView; drawn: { total: number; treatment: number; holdout: number } }> {
  const { db } = handle;
  const campaign = await requireCampaignInScope(db, actor, id);
  if (campaign.status !== 'draft') {
    throw new AppError('CONFLICT', `The campaign was launched already (it is ${campaign.status})`);
  }
  const segment = segmentSchema.safeParse(campaign.segment);
  if (!segment.success) {
    throw new AppError('CONFLICT', 'The stored segment no longer validates; save the campaign again');
  }
  const run = await findCurrentRun(db);
  if (!run) throw new AppError('CONFLICT', 'There is no scoring run to draw members from yet');
  const outcome = await launchCampaignRows(handle.engine, {
    campaignId: id,
    runId: run.id,
    teamId: campaign.teamId,
    segment: segment.data,
    holdoutShare: campaign.holdoutShare,
    today: todayIn(timeZone),
    seed: options.seed,
  });
  switch (outcome.kind) {
    case 'not_draft':
      throw new AppError('CONFLICT', 'The campaign was launched already');
    case 'nobody_matches':
      throw new AppError('CONFLICT', 'The segment matches nobody in the current scoring run', {
        runId: run.id,
      });
    case 'launched':
      break;
  }
  await auditActor(db, actor, {
    action: 'campaign.launch',
    target: `campaign:${id}`,
    details: {
      runId: run.id,
      seed: outcome.seed,
      holdoutShare: campaign.holdoutShare,
      treatment: outcome.arms.treatment,
      holdout: outcome.arms.holdout,
    },
  });
  const launched = await requireCampaignInScope(db, actor, id);
  return {
    campaign: await campaignView(db, launched),
    drawn: { total: outcome.arms.treatment + outcome.arms.holdout, ...outcome.arms },
  };
}

/** The status moves after launch: which statuses each move starts from, and what it ends in. */
const MOVES = {
  pause: { from: ['active'], to: 'paused', action: 'campaign.pause' },
  resume: { from: ['paused'], to: 'active', action: 'campaign.resume' },
  end: { from: ['active', 'paused'], to: 'ended', action: 'campaign.end' },
} as const satisfies Record<
  string,
  { from: readonly CampaignStatus[]; to: CampaignStatus; action: AuditAction }
>;
export type CampaignMove = keyof typeof MOVES;

export async function moveCampaign(
  db: Database,
  actor: Actor,
  id: number,
  move: CampaignMove,
): Promise<CampaignView> {
  const { from, to, action } = MOVES[move];
  const campaign = await requireCampaignInScope(db, actor, id);
  if (campaign.status === 'draft')
    throw new AppError('CONFLICT', `Launch the campaign before you ${move} it`);
  if (!(await updateCampaignStatus(db, id, from, to))) {
    throw new AppError('CONFLICT', `Cannot ${move} a campaign that is ${campaign.status}`);
  }
  await auditActor(db, actor, { action, target: `campaign:${id}`, details: { from: campaign.status, to } });
  return campaignView(db, await requireCampaignInScope(db, actor, id));
}
