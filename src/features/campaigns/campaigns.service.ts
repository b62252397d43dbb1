import type { Database, DbHandle } from '#src/db/client';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { AppError } from '#src/lib/app-error';
import { todayIn } from '#src/lib/time';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { CAMPAIGN_KINDS } from '../decisions/decision-types';
import { teamExists } from '../users/users.repository';
import { campaignScopeOf, effectiveTeamId, requireCampaignInScope } from './campaign-access';
import { countSegmentByStratum } from './campaign-launch.repository';
import {
  type CampaignRow,
  type CampaignWrite,
  countMembersByCampaign,
  findCampaigns,
  findOfferCodes,
  insertCampaign,
  scriptExists,
  updateDraftCampaign,
} from './campaigns.repository';
import {
  CAMPAIGN_STATUSES,
  type CampaignBody,
  type CampaignStatus,
  type CampaignView,
} from './campaigns.schemas';
import type { Arm } from './holdout-draw';
import { type Segment, segmentResponseSchema } from './segment-rules';

const oneOf = <T extends string>(values: readonly T[], value: string): T => {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`unexpected stored value '${value}'`);
  return found;
};

export function toCampaignView(row: CampaignRow, members: Record<Arm, number>): CampaignView {
  return {
    ...row,
    kind: oneOf(CAMPAIGN_KINDS, row.kind),
    status: oneOf(CAMPAIGN_STATUSES, row.status),
    segment: segmentResponseSchema.parse(row.segment),
    launchedAt: row.launchedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    members,
  };
}

export async function campaignView(db: Database, row: CampaignRow): Promise<CampaignView> {
  const counts = await countMembersByCampaign(db, [row.id]);
  return toCampaignView(row, counts.get(row.id) ?? { treatment: 0, holdout: 0 });
}

export async function listCampaigns(
  db: Database,
  actor: Actor,
  query: { status?: CampaignStatus },
): Promise<{ items: CampaignView[] }> {
  const scope = campaignScopeOf(actor);
  if (scope.kind === 'none') return { items: [] };
  const rows = await findCampaigns(db, {
    status: query.status,
    teamId: scope.kind === 'team' ? scope.teamId : undefined,
  });
  const counts = await countMembersByCampaign(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => toCampaignView(row, counts.get(row.id) ?? { treatment: 0, holdout: 0 })),
  };
}

export async function getCampaign(db: Database, actor: Actor, id: number): Promise<CampaignView> {
  return campaignView(db, await requireCampaignInScope(db, actor, id));
}

/**
 * What the body names must exist: every offer, the script, the team. All problems come back
 * together, each with its field's path, as a validation failure would.
 */
async function checkReferences(db: Database, body: CampaignBody, teamId: number | null): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  const known = await findOfferCodes(db, body.offerCodes);
  body.offerCodes.forEach((code, index) => {
    if (!known.has(code)) issues.push({ path: `body.offerCodes.${index}`, message: `no offer ${code}` });
  });
  if (body.scriptCode !== null && !(await scriptExists(db, body.scriptCode))) {
    issues.push({ path: 'body.scriptCode', message: `no script ${body.scriptCode}` });
  }
  if (teamId !== null && !(await teamExists(db, teamId))) {
    issues.push({ path: 'body.teamId', message: `no team ${teamId}` });
  }
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'The campaign names things that do not exist', { issues });
  }
}

function toWrite(body: CampaignBody, teamId: number | null): CampaignWrite {
  return { ...body, teamId };
}

export async function createCampaign(db: Database, actor: Actor, body: CampaignBody): Promise<CampaignView> {
  const teamId = effectiveTeamId(actor, body.teamId);
  await checkReferences(db, body, teamId);
  const id = await insertCampaign(db, { ...toWrite(body, teamId), createdBy: actor.userId });
  await auditActor(db, actor, {
    action: 'campaign.create',
    target: `campaign:${id}`,
    details: { name: body.name, kind: body.kind, teamId },
  });
  return getCampaign(db, actor, id);
}

/** Replaces a draft; a launched campaign is fixed (its members were drawn by these rules). */
export async function replaceCampaign(
  db: Database,
  actor: Actor,
  id: number,
  body: CampaignBody,
): Promise<CampaignView> {
  const current = await requireCampaignInScope(db, actor, id);
  if (current.status !== 'draft') throw notDraft(current.status);
  const teamId = effectiveTeamId(actor, body.teamId);
  await checkReferences(db, body, teamId);
  if (!(await updateDraftCampaign(db, id, toWrite(body, teamId)))) throw notDraft('launched');
  await auditActor(db, actor, {
    action: 'campaign.update',
    target: `campaign:${id}`,
    details: { name: body.name, kind: body.kind, teamId },
  });
  return getCampaign(db, actor, id);
}

export function notDraft(status: string): AppError {
  return new AppError('CONFLICT', `Only a draft campaign can be changed; this one is ${status}`);
}

/** The live count a campaign builder sees: the current run, by tier × risk band. */
export async function countSegment(
  handle: DbHandle,
  actor: Actor,
  body: { segment: Segment; teamId: number | null },
  timeZone: string,
) {
  const teamId = effectiveTeamId(actor, body.teamId);
  const run = await findCurrentRun(handle.db);
  if (!run) return { runId: null, asOf: null, teamId, total: 0, breakdown: [] };
  const breakdown = await countSegmentByStratum(handle.engine, body.segment, {
    runId: run.id,
    teamId,
    today: todayIn(timeZone),
  });
  breakdown.sort(
    (a, b) => b.count - a.count || a.tier.localeCompare(b.tier) || a.riskBand.localeCompare(b.riskBand),
  );
  let total = 0;
  for (const row of breakdown) total += row.count;
  return { runId: run.id, asOf: run.asOf, teamId, total, breakdown };
}
