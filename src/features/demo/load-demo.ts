import type { IngestContext } from '#src/features/ingest/import-report';
import { IMPORTERS } from '#src/features/ingest/importers';
import { type DemoSummary, importDemo, type LoadDemoOptions } from './demo-import';

export { lastCompleteMonth } from './calendar';
// The CLI imports these from here; they live beside the code that uses them.
export type { DemoSummary, LoadDemoOptions } from './demo-import';

/**
 * Generates the deterministic demo operator into `options.workDir` and loads it through the real
 * importers (plans → subscribers → contracts → complaints → bills → usage month by month), then
 * the planted-churn ground truth into demo_churn_truth. Throws when any file is rejected.
 */
export async function loadDemo(ctx: IngestContext, options: LoadDemoOptions): Promise<DemoSummary> {
  return importDemo(IMPORTERS, ctx, options);
}
