import { and, between, desc, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { workOrders } from '#src/db/schema/tickets';
import { users } from '#src/db/schema/users';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type NewWorkOrderRow = typeof workOrders.$inferInsert;
export type WorkOrderWithCreator = WorkOrderRow & { createdByName: string | null };

const withCreator = {
  id: workOrders.id,
  kind: workOrders.kind,
  team: workOrders.team,
  city: workOrders.city,
  district: workOrders.district,
  category: workOrders.category,
  weekStart: workOrders.weekStart,
  titleZh: workOrders.titleZh,
  titleEn: workOrders.titleEn,
  evidence: workOrders.evidence,
  status: workOrders.status,
  resolution: workOrders.resolution,
  createdByUserId: workOrders.createdByUserId,
  createdAt: workOrders.createdAt,
  closedAt: workOrders.closedAt,
  version: workOrders.version,
  createdByName: users.displayName,
};

/** Inserts; null when the cell already has an order (the unique index decides, race-free). */
export async function insertWorkOrder(db: Database, row: NewWorkOrderRow): Promise<WorkOrderRow | null> {
  const [stored] = await db.insert(workOrders).values(row).onConflictDoNothing().returning();
  return stored ?? null;
}

export async function findWorkOrderById(db: Database, id: number): Promise<WorkOrderWithCreator | undefined> {
  const [row] = await db
    .select(withCreator)
    .from(workOrders)
    .leftJoin(users, eq(users.id, workOrders.createdByUserId))
    .where(eq(workOrders.id, id));
  return row;
}

/** The row under a lock, for a versioned change in the caller's transaction. */
export async function lockWorkOrder(tx: Database, id: number): Promise<WorkOrderRow | undefined> {
  const [row] = await tx.select().from(workOrders).where(eq(workOrders.id, id)).for('update');
  return row;
}

export async function listWorkOrderRows(
  db: Database,
  filter: { status?: string | undefined; limit: number },
): Promise<WorkOrderWithCreator[]> {
  return db
    .select(withCreator)
    .from(workOrders)
    .leftJoin(users, eq(users.id, workOrders.createdByUserId))
    .where(filter.status ? eq(workOrders.status, filter.status) : undefined)
    .orderBy(desc(workOrders.createdAt), desc(workOrders.id))
    .limit(filter.limit);
}

export type WorkOrderCellRow = Pick<
  WorkOrderRow,
  'id' | 'status' | 'city' | 'district' | 'category' | 'weekStart'
>;

/** The orders raised for hot spots of the weeks from `firstMonday` to `lastMonday`. */
export async function findWorkOrdersOfWeeks(
  db: Database,
  firstMonday: string,
  lastMonday: string,
): Promise<WorkOrderCellRow[]> {
  return db
    .select({
      id: workOrders.id,
      status: workOrders.status,
      city: workOrders.city,
      district: workOrders.district,
      category: workOrders.category,
      weekStart: workOrders.weekStart,
    })
    .from(workOrders)
    .where(between(workOrders.weekStart, firstMonday, lastMonday));
}

export async function findWorkOrderOfCell(
  db: Database,
  cell: { city: string; district: string; category: string; weekStart: string },
): Promise<WorkOrderCellRow | undefined> {
  const [row] = await db
    .select({
      id: workOrders.id,
      status: workOrders.status,
      city: workOrders.city,
      district: workOrders.district,
      category: workOrders.category,
      weekStart: workOrders.weekStart,
    })
    .from(workOrders)
    .where(
      and(
        eq(workOrders.city, cell.city),
        eq(workOrders.district, cell.district),
        eq(workOrders.category, cell.category),
        eq(workOrders.weekStart, cell.weekStart),
      ),
    );
  return row;
}

export async function updateWorkOrderStatus(
  tx: Database,
  id: number,
  change: { status: string; resolution: string | null; closedAt: Date | null; version: number },
): Promise<void> {
  await tx.update(workOrders).set(change).where(eq(workOrders.id, id));
}
