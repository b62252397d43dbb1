import type { Database } from '#src/db/client';
import { BRANDS, SUBSCRIBER_STATUSES, VIP_LEVELS } from '#src/db/schema/enums';
import { notFound } from '#src/lib/app-error';
import { maskIdNumber, maskMsisdn } from '#src/lib/msisdn';
import {
  findComplaintsBySubscriberId,
  findContractsBySubscriberId,
  findStatusHistoryBySubscriberId,
  findSubscriberById,
  findSubscriberPage,
  type SubscriberRow,
} from './subscribers.repository';
import type { ListSubscribersQuery, SubscriberDetail, SubscriberSummary } from './subscribers.schemas';

export async function listSubscribers(db: Database, query: ListSubscribersQuery) {
  const { rows, total } = await findSubscriberPage(db, query);
  return { items: rows.map(toSummary), page: query.page, pageSize: query.pageSize, total };
}

export async function getSubscriber(db: Database, id: number): Promise<SubscriberDetail> {
  const row = await findSubscriberById(db, id);
  if (!row) throw notFound('Subscriber');
  const [statusHistory, contractRows, complaintRows] = await Promise.all([
    findStatusHistoryBySubscriberId(db, id),
    findContractsBySubscriberId(db, id),
    findComplaintsBySubscriberId(db, id),
  ]);
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
    plan: {
      code: row.planCode,
      name: row.planName,
      monthlyFeeFen: row.planMonthlyFeeFen,
      includedMinutes: row.planIncludedMinutes,
      includedDataMb: row.planIncludedDataMb,
      includedSms: row.planIncludedSms,
    },
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

/** Masks at the boundary: the full MSISDN never leaves the service in a list or detail view. */
function toSummary(row: SubscriberRow): SubscriberSummary {
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

/** Narrows a stored text value to its vocabulary; importers guarantee it, so a miss is a bug. */
function oneOf<T extends string>(values: readonly T[], value: string, field: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new Error(`stored ${field} '${value}' is outside its vocabulary`);
  return found;
}
