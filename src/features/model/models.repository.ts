import { desc, eq } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { churnModels } from '#src/db/schema/scoring';

export type StoredModel = typeof churnModels.$inferSelect;
export type NewModel = Omit<typeof churnModels.$inferInsert, 'id' | 'isActive' | 'trainedAt'>;
/** A model's row without the (large) serialised model, for lists. */
export type ModelSummaryRow = Omit<StoredModel, 'modelJson'>;

const summaryColumns = {
  id: churnModels.id,
  source: churnModels.source,
  kind: churnModels.kind,
  horizonMonths: churnModels.horizonMonths,
  trainedOn: churnModels.trainedOn,
  trainRows: churnModels.trainRows,
  positives: churnModels.positives,
  metrics: churnModels.metrics,
  params: churnModels.params,
  isActive: churnModels.isActive,
  trainedAt: churnModels.trainedAt,
};

export async function findActiveModel(db: Database): Promise<StoredModel | undefined> {
  const [row] = await db.select().from(churnModels).where(eq(churnModels.isActive, true));
  return row;
}

export async function findModelById(db: Database, id: number): Promise<StoredModel | undefined> {
  const [row] = await db.select().from(churnModels).where(eq(churnModels.id, id));
  return row;
}

export async function listModels(db: Database): Promise<ModelSummaryRow[]> {
  return db.select(summaryColumns).from(churnModels).orderBy(desc(churnModels.id));
}

/** Stores a model and, when asked, makes it the one active model in the same transaction. */
export async function insertModel(
  db: Database,
  model: NewModel,
  activate: boolean,
): Promise<ModelSummaryRow> {
  return db.transaction(async (tx) => {
    if (activate) await tx.update(churnModels).set({ isActive: false }).where(eq(churnModels.isActive, true));
    const [row] = await tx
      .insert(churnModels)
      .values({ ...model, isActive: activate })
      .returning(summaryColumns);
    if (!row) throw new Error('model insert returned nothing');
    return row;
  });
}

export async function activateModel(db: Database, id: number): Promise<ModelSummaryRow | undefined> {
  return db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: churnModels.id }).from(churnModels).where(eq(churnModels.id, id));
    if (!exists) return undefined;
    await tx.update(churnModels).set({ isActive: false }).where(eq(churnModels.isActive, true));
    const [row] = await tx
      .update(churnModels)
      .set({ isActive: true })
      .where(eq(churnModels.id, id))
      .returning(summaryColumns);
    return row;
  });
}
