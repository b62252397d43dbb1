import type { ImportKind, ImportOptions, ImportReport, IngestContext } from './import-report';
import { importComplaints } from './relational/complaints.import';
import { importContracts } from './relational/contracts.import';
import { importPlans } from './relational/plans.import';
import { importSubscribers } from './relational/subscribers.import';
import { importBills } from './usage/bills.import';
import { importUsage } from './usage/usage.import';

export type Importer = (
  ctx: IngestContext,
  filePath: string,
  options?: ImportOptions,
) => Promise<ImportReport>;

/** Which importer loads which kind of file; the one table the CLI and the upload endpoint share. */
export const IMPORTERS: Record<ImportKind, Importer> = {
  plans: importPlans,
  subscribers: importSubscribers,
  contracts: importContracts,
  complaints: importComplaints,
  bills: importBills,
  usage: importUsage,
};
