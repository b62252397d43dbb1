import type { Database } from '#src/db/client';
import { notFound } from '#src/lib/app-error';
import { activateModel, listModels, type ModelSummaryRow } from './models.repository';

export async function getModels(db: Database) {
  return { items: (await listModels(db)).map(toView) };
}

/** Makes a stored model the one the next scoring run uses. */
export async function makeActive(db: Database, id: number) {
  const row = await activateModel(db, id);
  if (!row) throw notFound(`Churn model ${id}`);
  return toView(row);
}

function toView(row: ModelSummaryRow) {
  return { ...row, trainedAt: row.trainedAt.toISOString() };
}
