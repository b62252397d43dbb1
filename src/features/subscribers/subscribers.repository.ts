import { and, asc, count, desc, eq, like, or, type SQL } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { contracts } from '#src/db/schema/contracts';
import { plans } from '#src/db/schema/plans';
import { complaints } from '#src/db/schema/service';
import { subscriberStatusHistory, subscribers } from '#src/db/schema/subscribers';
import { MSISDN_PATTERN } from '#src/lib/msisdn';
import type { ListSubscribersQuery } from './subscribers.schemas';

const summaryColumns = {
  id: subscribers.id,
  msisdn: subscribers.msisdn,
  name: subscribers.name,
  gender: subscribers.gender,
  province: subscribers.province,
  city: subscribers.city,
  district: subscribers.district,
  brand: subscribers.brand,
  planCode: plans.code,
  planName: plans.name,
  status: subscribers.status,
  vipLevel: subscribers.vipLevel,
  isGroupCustomer: subscribers.isGroupCustomer,
  joinDate: subscribers.joinDate,
  contractEnd: subscribers.contractEnd,
};

export type SubscriberRow = Awaited<ReturnType<typeof findSubscriberPage>>['rows'][number];

function searchCondition(q: string): SQL | undefined {
  if (MSISDN_PATTERN.test(q)) return eq(subscribers.msisdn, q);
  // Agents often have only the last digits a caller reads out.
  if (/^\d{4,10}$/.test(q)) return like(subscribers.msisdn, `%${q}`);
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return or(like(subscribers.name, `${escaped}%`));
}

function listConditions(query: ListSubscribersQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    query.q ? searchCondition(query.q) : undefined,
    query.city ? eq(subscribers.city, query.city) : undefined,
    query.brand ? eq(subscribers.brand, query.brand) : undefined,
    query.status ? eq(subscribers.status, query.status) : undefined,
    query.vipLevel ? eq(subscribers.vipLevel, query.vipLevel) : undefined,
    query.isGroupCustomer === undefined ? undefined : eq(subscribers.isGroupCustomer, query.isGroupCustomer),
  ];
  return and(...conditions);
}

export async function findSubscriberPage(db: Database, query: ListSubscribersQuery) {
  const where = listConditions(query);
  const rows = await db
    .select(summaryColumns)
    .from(subscribers)
    .innerJoin(plans, eq(plans.id, subscribers.planId))
    .where(where)
    .orderBy(asc(subscribers.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [totalRow] = await db.select({ total: count() }).from(subscribers).where(where);
  return { rows, total: totalRow?.total ?? 0 };
}

export async function findSubscriberById(db: Database, id: number) {
  const [row] = await db
    .select({
      ...summaryColumns,
      idNumber: subscribers.idNumber,
      birthDate: subscribers.birthDate,
      statusSince: subscribers.statusSince,
      handsetModel: subscribers.handsetModel,
      marketingConsent: subscribers.marketingConsent,
      doNotCall: subscribers.doNotCall,
      profilingOptOut: subscribers.profilingOptOut,
      sceneTags: subscribers.sceneTags,
      planMonthlyFeeFen: plans.monthlyFeeFen,
      planIncludedMinutes: plans.includedMinutes,
      planIncludedDataMb: plans.includedDataMb,
      planIncludedSms: plans.includedSms,
    })
    .from(subscribers)
    .innerJoin(plans, eq(plans.id, subscribers.planId))
    .where(eq(subscribers.id, id));
  return row;
}

export function findStatusHistoryBySubscriberId(db: Database, subscriberId: number) {
  return db
    .select({
      status: subscriberStatusHistory.status,
      validFrom: subscriberStatusHistory.validFrom,
      validTo: subscriberStatusHistory.validTo,
    })
    .from(subscriberStatusHistory)
    .where(eq(subscriberStatusHistory.subscriberId, subscriberId))
    .orderBy(asc(subscriberStatusHistory.validFrom));
}

export function findContractsBySubscriberId(db: Database, subscriberId: number) {
  return db
    .select({
      contractNo: contracts.contractNo,
      kind: contracts.kind,
      startDate: contracts.startDate,
      endDate: contracts.endDate,
      status: contracts.status,
    })
    .from(contracts)
    .where(eq(contracts.subscriberId, subscriberId))
    .orderBy(desc(contracts.endDate));
}

export function findComplaintsBySubscriberId(db: Database, subscriberId: number) {
  return db
    .select({
      complaintNo: complaints.complaintNo,
      category: complaints.category,
      status: complaints.status,
      openedAt: complaints.openedAt,
      slaDueAt: complaints.slaDueAt,
      resolvedAt: complaints.resolvedAt,
    })
    .from(complaints)
    .where(eq(complaints.subscriberId, subscriberId))
    .orderBy(desc(complaints.openedAt))
    .limit(50);
}
