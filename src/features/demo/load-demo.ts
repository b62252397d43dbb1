import type { IngestContext } from '#src/features/ingest/import-report';
import { importComplaints } from '#src/features/ingest/relational/complaints.import';
import { importContracts } from '#src/features/ingest/relational/contracts.import';
import { importPlans } from '#src/features/ingest/relational/plans.import';
import { importSubscribers } from '#src/features/ingest/relational/subscribers.import';
import { importBills } from '#src/features/ingest/usage/bills.import';
import { importUsage } from '#src/features/ingest/usage/usage.import';
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
  return importDemo(
    {
      plans: importPlans,
      subscribers: importSubscribers,
      contracts: importContracts,
      complaints: importComplaints,
      bills: importBills,
      usage: importUsage,
    },
    ctx,
    options,
  );
}
