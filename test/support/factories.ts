import { eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { subscriberBooks } from '#src/db/schema/books';
import { plans } from '#src/db/schema/plans';
import { subscribers } from '#src/db/schema/subscribers';
import { users } from '#src/db/schema/users';

type PlanInsert = typeof plans.$inferInsert;
type SubscriberInsert = typeof subscribers.$inferInsert;

let sequence = 0;
function next(): number {
  sequence += 1;
  return sequence;
}

/** A valid plan row; override what the test is about. */
export function buildPlan(overrides: Partial<PlanInsert> = {}): PlanInsert {
  const n = next();
  return {
    code: `TEST${n}`,
    name: `测试套餐${n}`,
    brand: 'gotone',
    monthlyFeeFen: 12800,
    includedMinutes: 500,
    includedDataMb: 30_720,
    includedSms: 100,
    overageVoiceFenPerMinute: 19,
    overageDataFenPerMb: 29,
    overageSmsFen: 10,
    ...overrides,
  };
}

/** A valid subscriber row on `planId`; MSISDNs are unique within a test run. */
export function buildSubscriber(planId: number, overrides: Partial<SubscriberInsert> = {}): SubscriberInsert {
  const n = next();
  return {
    msisdn: `139${String(n).padStart(8, '0')}`,
    name: `张${n}`,
    gender: 'M',
    birthDate: '1985-06-15',
    idNumber: '32010219850615001X',
    province: '江苏省',
    city: '南京市',
    district: '鼓楼区',
    joinDate: '2015-03-01',
    brand: 'gotone',
    planId,
    status: 'active',
    statusSince: '2015-03-01',
    vipLevel: 'gold',
    ...overrides,
  };
}

export async function insertPlan(db: Database, overrides: Partial<PlanInsert> = {}) {
  const [row] = await db.insert(plans).values(buildPlan(overrides)).returning();
  if (!row) throw new Error('plan insert returned nothing');
  return row;
}

export async function insertSubscriber(
  db: Database,
  planId: number,
  overrides: Partial<SubscriberInsert> = {},
) {
  const [row] = await db.insert(subscribers).values(buildSubscriber(planId, overrides)).returning();
  if (!row) throw new Error('subscriber insert returned nothing');
  return row;
}

/** Puts the subscriber in the agent's book (and the agent's team, for the lead's scope). */
export async function assignToBook(db: Database, subscriberId: number, agentUserId: number): Promise<void> {
  const [agent] = await db.select({ teamId: users.teamId }).from(users).where(eq(users.id, agentUserId));
  await db
    .insert(subscriberBooks)
    .values({ subscriberId, agentUserId, teamId: agent?.teamId ?? null })
    .onConflictDoUpdate({
      target: subscriberBooks.subscriberId,
      set: { agentUserId, teamId: agent?.teamId ?? null },
    });
}
