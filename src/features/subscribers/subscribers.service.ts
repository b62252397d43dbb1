import type { Database } from '#src/db/client';
import { BRANDS, SUBSCRIBER_STATUSES, VIP_LEVELS } from '#src/db/schema/enums';
import { subscribers } from '#src/db/schema/subscribers';
import { SIGNAL_CODES } from '#src/features/scoring/rules/churn-signals';
import { OPERATING_TIERS } from '#src/features/scoring/rules/operating-tier';
import { RISK_BANDS } from '#src/features/scoring/rules/risk-band';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { maskIdNumber, maskMsisdn } from '#src/lib/msisdn';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { scopeCondition, subscriberScopeOf } from '../auth/subscriber-scope';
import { requireSubscriberInScope } from './subscriber-access';
import {
  findCities,
  findComplaintsBySubscriberId,
  findContractsBySubscriberId,
  findStatusHistoryBySubscriberId,
  findSubscriberById,
  findSubscriberPage,
  type SubscriberListRow,
} from './subscribers.repository';
import type {
  ListSubscribersQuery,
  SubscriberDetail,
  SubscriberListItem,
  SubscriberSummary,
} from './subscribers.schemas';

/** Subscribers in the actor's scope, masked, with their owner and current score. */
export async function listSubscribers(db: Database, actor: Actor, query: ListSubscribersQuery) {
  const run = await findCurrentRun(db);
  const scope = scopeCondition(subscriberScopeOf(actor), subscribers.id);
  const { rows, total, totalCapped } = await findSubscriberPage(db, query, scope, run?.id ?? null);
  return {
    runId: run?.id ?? null,
    asOf: run?.asOf ?? null,
    items: rows.map(toListItem),
    page: query.page,
    pageSize: query.pageSize,
    total,
    totalCapped,
  };
}

const CITY_CACHE_MS = 10 * 60_000;
const cityCache = new WeakMap<Database, { at: number; cities: Promise<string[]> }>();

/** The search filters' choices. Cities change only with imports, so one scan serves ten minutes. */
export async function subscriberFilters(db: Database) {
  let cached = cityCache.get(db);
  if (!cached || Date.now() - cached.at > CITY_CACHE_MS) {
    cached = { at: Date.now(), cities: findCities(db) };
    cityCache.set(db, cached);
  }
  return {
    cities: await cached.cities,
    tiers: [...OPERATING_TIERS],
    riskBands: [...RISK_BANDS],
    signals: [...SIGNAL_CODES],
    vipLevels: [...VIP_LEVELS],
    statuses: [...SUBSCRIBER_STATUSES],
  };
}

export async function getSubscriber(db: Database, actor: Actor, id: number): Promise<SubscriberDetail> {
  await requireSubscriberInScope(db, actor, id, 'subscriber.detail');
  const row = await findSubscriberById(db, id);
  if (!row) throw new Error(`subscriber ${id} vanished after its scope check`);
  const [statusHistory, contractRows, complaintRows] = await Promise.all([
    findStatusHistoryBySubscriberId(db, id),
    findContractsBySubscriberId(db, id),
    findComplaintsBySubscriberId(db, id),
  ]);
  await auditActor(db, actor, { action: 'subscriber.view', subscriberId: id, target: 'detail' });
  return {
    ...toSummary(row),
    idNumberMasked: row.idNumber ? maskIdNumber(row.idNumber) : null,
    birthDate: row.birthDate,
    statusSince: row.statusSince,
    handsetModel: row.handsetModel,
    marketingConsent: row.marketingConsent,
    doNotCall: row.doNotCall,
    profilingOptOut: row.profilingOptOut,
    sceneTags: row.sceneTags,
    plan: toPlan(row),
    statusHistory,
    contracts: contractRows,
    complaints: complaintRows.map((c) => ({
      ...c,
      openedAt: c.openedAt.toISOString(),
      slaDueAt: c.slaDueAt?.toISOString() ?? null,
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
    })),
  };
}

type SummarySource = Omit<SubscriberSummary, 'msisdnMasked' | 'brand' | 'status' | 'vipLevel'> & {
  msisdn: string;
  brand: string;
  status: string;
  vipLevel: string;
};

/** Masks at the boundary: the full MSISDN never leaves the service in a list or detail view. */
export function toSummary(row: SummarySource): SubscriberSummary {
  return {
    id: row.id,
    msisdnMasked: maskMsisdn(row.msisdn),
    name: row.name,
    gender: row.gender,
    province: row.province,
    city: row.city,
    district: row.district,
    brand: oneOf(BRANDS, row.brand, 'brand'),
    planCode: row.planCode,
    planName: row.planName,
    status: oneOf(SUBSCRIBER_STATUSES, row.status, 'status'),
    vipLevel: oneOf(VIP_LEVELS, row.vipLevel, 'vipLevel'),
    isGroupCustomer: row.isGroupCustomer,
    joinDate: row.joinDate,
    contractEnd: row.contractEnd,
  };
}

function toListItem(row: SubscriberListRow): SubscriberListItem {
  return {
    ...toSummary(row),
    ownerName: row.ownerName,
    score:
      row.scoreProbability === null
        ? null
        : {
            probability: row.scoreProbability,
            riskBand: row.scoreRiskBand ?? '',
            tier: row.scoreTier ?? '',
            lifecycleStage: row.scoreLifecycleStage ?? '',
            vipKind: row.scoreVipKind ?? '',
            signalCodes: row.scoreSignalCodes ?? [],
            arpu3Fen: row.scoreArpu3Fen,
          },
  };
}

type PlanColumns = {
  planCode: string;
  planName: string;
  planMonthlyFeeFen: number;
  planIncludedMinutes: number;
  planIncludedDataMb: number;
  planIncludedSms: number;
};

export function toPlan(row: PlanColumns) {
  return {
    code: row.planCode,
    name: row.planName,
    monthlyFeeFen: row.planMonthlyFeeFen,
    includedMinutes: row.planIncludedMinutes,
    includedDataMb: row.planIncludedDataMb,
    includedSms: row.planIncludedSms,
  };
}

/** Narrows a stored text value to its vocabulary; importers guarantee it, so a miss is a bug. */
export function oneOf<T extends string>(values: readonly T[], value: string, field: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`unexpected ${field} ${value} in the database`);
  return found;
}
