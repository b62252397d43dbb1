import { and, asc, eq, gte, inArray, isNull, lte, not, or, type SQL } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { offers, scripts } from '#src/db/schema/offers';
import { plans } from '#src/db/schema/plans';
import type { ContactChannel, OfferRule } from './offer-vocabulary';

export type OfferRow = typeof offers.$inferSelect;
export type OfferWrite = Omit<typeof offers.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export type OfferFilter = {
  rule?: OfferRule;
  channel?: ContactChannel;
  /** true: available on `day`; false: not available on it. */
  available?: { on: string; is: boolean };
};

/** On sale and within its validity on `day` (YYYY-MM-DD; dates compare as text in this form). */
export function availableOn(day: string): SQL {
  const condition = and(
    eq(offers.isActive, true),
    lte(offers.validFrom, day),
    or(isNull(offers.validTo), gte(offers.validTo, day)),
  );
  if (!condition) throw new Error('availability condition is empty');
  return condition;
}

export async function findOffers(db: Database, filter: OfferFilter): Promise<OfferRow[]> {
  return db
    .select()
    .from(offers)
    .where(
      and(
        filter.rule ? eq(offers.rule, filter.rule) : undefined,
        filter.channel ? inArray(offers.channel, [filter.channel, 'any']) : undefined,
        filter.available
          ? filter.available.is
            ? availableOn(filter.available.on)
            : not(availableOn(filter.available.on))
          : undefined,
      ),
    )
    .orderBy(asc(offers.code));
}

export async function findOfferByCode(db: Database, code: string): Promise<OfferRow | undefined> {
  const [row] = await db.select().from(offers).where(eq(offers.code, code));
  return row;
}

/** Inserts an offer; undefined when the code is taken (checked by the unique index, not a race). */
export async function insertOffer(db: Database, offer: OfferWrite): Promise<OfferRow | undefined> {
  const [row] = await db
    .insert(offers)
    .values(offer)
    .onConflictDoNothing({ target: offers.code })
    .returning();
  return row;
}

export async function updateOffer(
  db: Database,
  code: string,
  changes: Omit<OfferWrite, 'code'>,
): Promise<OfferRow | undefined> {
  const [row] = await db
    .update(offers)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(offers.code, code))
    .returning();
  return row;
}

/** Those of these plan codes the catalogue has, with whether each is on sale. */
export async function findPlansByCodes(
  db: Database,
  codes: readonly string[],
): Promise<Map<string, { isActive: boolean }>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({ code: plans.code, isActive: plans.isActive })
    .from(plans)
    .where(inArray(plans.code, [...codes]));
  return new Map(rows.map((r) => [r.code, { isActive: r.isActive }]));
}

export async function scriptExists(db: Database, code: string): Promise<boolean> {
  const [row] = await db.select({ id: scripts.id }).from(scripts).where(eq(scripts.code, code));
  return row !== undefined;
}
