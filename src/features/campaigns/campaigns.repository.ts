import { and, count, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { campaignMembers, campaigns } from '#src/db/schema/campaigns';
import { offers, scripts } from '#src/db/schema/offers';
import type { Arm } from './holdout-draw';

/** The draw's seed, stored at launch (see campaign-launch.repository.ts). */
export const RANDOM_SEED_SQL = sql<string | null>`${campaigns.randomSeed}`;

const campaignColumns = {
  id: campaigns.id,
  name: campaigns.name,
  kind: campaigns.kind,
  status: campaigns.status,
  segment: campaigns.segment,
  scriptCode: campaigns.scriptCode,
  offerCodes: campaigns.offerCodes,
  startsOn: campaigns.startsOn,
  endsOn: campaigns.endsOn,
  dailyQuota: campaigns.dailyQuota,
  holdoutShare: campaigns.holdoutShare,
  outcomeWindowDays: campaigns.outcomeWindowDays,
  teamId: campaigns.teamId,
  scoringRunId: campaigns.scoringRunId,
  launchedAt: campaigns.launchedAt,
  randomSeed: RANDOM_SEED_SQL,
  createdBy: campaigns.createdBy,
  createdAt: campaigns.createdAt,
  updatedAt: campaigns.updatedAt,
};

export type CampaignRow = {
  id: number;
  name: string;
  kind: string;
  status: string;
  segment: unknown;
  scriptCode: string | null;
  offerCodes: string[];
  startsOn: string;
  endsOn: string | null;
  dailyQuota: number;
  holdoutShare: number;
  outcomeWindowDays: number;
  teamId: number | null;
  scoringRunId: number | null;
  launchedAt: Date | null;
  randomSeed: string | null;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
};

export type CampaignWrite = {
  name: string;
  kind: string;
  segment: unknown;
  scriptCode: string | null;
  offerCodes: string[];
  startsOn: string;
  endsOn: string | null;
  dailyQuota: number;
  holdoutShare: number;
  outcomeWindowDays: number;
  teamId: number | null;
};

export async function findCampaignById(db: Database, id: number): Promise<CampaignRow | undefined> {
  const [row] = await db.select(campaignColumns).from(campaigns).where(eq(campaigns.id, id));
  return row;
}

/** Newest first; `teamId` limits to one team's campaigns (a lead's view). */
export async function findCampaigns(
  db: Database,
  filter: { status?: string; teamId?: number },
): Promise<CampaignRow[]> {
  const conditions: (SQL | undefined)[] = [
    filter.status ? eq(campaigns.status, filter.status) : undefined,
    filter.teamId !== undefined ? eq(campaigns.teamId, filter.teamId) : undefined,
  ];
  return db
    .select(campaignColumns)
    .from(campaigns)
    .where(and(...conditions))
    .orderBy(desc(campaigns.id))
    .limit(500);
}

export async function insertCampaign(
  db: Database,
  values: CampaignWrite & { createdBy: number },
): Promise<number> {
  const [row] = await db.insert(campaigns).values(values).returning({ id: campaigns.id });
  if (!row) throw new Error('campaign insert returned nothing');
  return row.id;
}

/** Replaces a draft; false when the campaign is no longer a draft (a launch got there first). */
export async function updateDraftCampaign(db: Database, id: number, values: CampaignWrite): Promise<boolean> {
  const rows = await db
    .update(campaigns)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(campaigns.id, id), eq(campaigns.status, 'draft')))
    .returning({ id: campaigns.id });
  return rows.length > 0;
}

/** Moves the status only from one of `from`; false when the campaign was in another status. */
export async function updateCampaignStatus(
  db: Database,
  id: number,
  from: readonly string[],
  to: string,
): Promise<boolean> {
  const rows = await db
    .update(campaigns)
    .set({ status: to, updatedAt: new Date() })
    .where(and(eq(campaigns.id, id), inArray(campaigns.status, [...from])))
    .returning({ id: campaigns.id });
  return rows.length > 0;
}

/** Members per arm of each campaign, in one grouped read of the (campaign_id, arm) index. */
export async function countMembersByCampaign(
  db: Database,
  campaignIds: readonly number[],
): Promise<Map<number, Record<Arm, number>>> {
  const counts = new Map<number, Record<Arm, number>>();
  if (campaignIds.length === 0) return counts;
  const rows = await db
    .select({ campaignId: campaignMembers.campaignId, arm: campaignMembers.arm, members: count() })
    .from(campaignMembers)
    .where(inArray(campaignMembers.campaignId, [...campaignIds]))
    .groupBy(campaignMembers.campaignId, campaignMembers.arm);
  for (const row of rows) {
    const entry = counts.get(row.campaignId) ?? { treatment: 0, holdout: 0 };
    if (row.arm === 'treatment' || row.arm === 'holdout') entry[row.arm] = row.members;
    counts.set(row.campaignId, entry);
  }
  return counts;
}

export async function findOfferCodes(db: Database, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: offers.code })
    .from(offers)
    .where(inArray(offers.code, [...codes]));
  return new Set(rows.map((r) => r.code));
}

export async function scriptExists(db: Database, code: string): Promise<boolean> {
  const [row] = await db.select({ id: scripts.id }).from(scripts).where(eq(scripts.code, code));
  return row !== undefined;
}

/**
 * True when the subscriber was drawn into the campaign's holdout: the planner and the call panel
 * must never contact them for this campaign.
 */
export async function isInHoldout(db: Database, campaignId: number, subscriberId: number): Promise<boolean> {
  const [row] = await db
    .select({ arm: campaignMembers.arm })
    .from(campaignMembers)
    .where(and(eq(campaignMembers.subscriberId, subscriberId), eq(campaignMembers.campaignId, campaignId)));
  return row?.arm === 'holdout';
}

export type ActiveCampaign = Pick<
  CampaignRow,
  | 'id'
  | 'name'
  | 'kind'
  | 'scriptCode'
  | 'offerCodes'
  | 'startsOn'
  | 'endsOn'
  | 'dailyQuota'
  | 'teamId'
  | 'scoringRunId'
>;

/** Campaigns the call plan draws from on `day` (YYYY-MM-DD): active, started, not yet ended. */
export async function activeCampaignsOn(db: Database, day: string): Promise<ActiveCampaign[]> {
  return db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      kind: campaigns.kind,
      scriptCode: campaigns.scriptCode,
      offerCodes: campaigns.offerCodes,
      startsOn: campaigns.startsOn,
      endsOn: campaigns.endsOn,
      dailyQuota: campaigns.dailyQuota,
      teamId: campaigns.teamId,
      scoringRunId: campaigns.scoringRunId,
    })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.status, 'active'),
        lte(campaigns.startsOn, day),
        or(isNull(campaigns.endsOn), gte(campaigns.endsOn, day)),
      ),
    )
    .orderBy(campaigns.id);
}
