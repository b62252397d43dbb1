import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import type { SubscriberStatus } from '#src/db/schema/enums';
import { demoChurnTruth } from '#src/db/schema/imports';
import { subscribers } from '#src/db/schema/subscribers';
import {
  describeRowError,
  type ImportOptions,
  type ImportReport,
  type IngestContext,
} from '#src/features/ingest/import-report';
import { AppError } from '#src/lib/app-error';
import type { DemoConfig } from './demo-window';
import { type DemoGeneration, generateDemo } from './generate-demo';

/** What the loader itself needs from the context; the importers get all of it. */
export type DemoContext = { handle: { db: Database } };

export type DemoImporter<C extends DemoContext = IngestContext> = (
  ctx: C,
  filePath: string,
  options?: ImportOptions,
) => Promise<ImportReport>;

/**
 * The importers the demo goes through: in production the same ones an operator's files go through
 * (bound in load-demo.ts); generic over the context so tests can pass stand-ins.
 */
export type DemoImporters<C extends DemoContext = IngestContext> = {
  plans: DemoImporter<C>;
  subscribers: DemoImporter<C>;
  contracts: DemoImporter<C>;
  complaints: DemoImporter<C>;
  bills: DemoImporter<C>;
  usage: DemoImporter<C>;
};

export type LoadDemoOptions = DemoConfig & {
  /** Scratch directory for the generated files; the caller removes it. */
  workDir: string;
  onStage?: (stage: string) => void;
};

export type DemoSummary = {
  asOfMonth: string;
  months: string[];
  rows: DemoGeneration['rows'];
  statuses: Record<SubscriberStatus, number>;
  futureChurners: number;
  generateMs: number;
  importMs: number;
};

/** Ground-truth rows per round trip: small batches keep PGlite's single connection responsive. */
const TRUTH_BATCH = 1000;

/**
 * Generates the demo into `workDir`, then imports it kind by kind in dependency order (plans before
 * the subscribers that name them, subscribers before everything keyed by MSISDN) and finally the
 * ground truth. A rejected file means the generator and the import rules disagree: stop loudly.
 */
export async function importDemo<C extends DemoContext>(
  importers: DemoImporters<C>,
  ctx: C,
  options: LoadDemoOptions,
): Promise<DemoSummary> {
  const { workDir, onStage, ...config } = options;
  const stage = onStage ?? (() => undefined);
  const generationStarted = performance.now();
  stage(`generating ${config.subscribers.toLocaleString('en-US')} subscribers × ${config.months} months`);
  const generated = await generateDemo(config, workDir);
  const generateMs = Math.round(performance.now() - generationStarted);

  const importStarted = performance.now();
  const steps: { label: string; run: () => Promise<ImportReport> }[] = [
    { label: 'plans', run: () => importers.plans(ctx, generated.files.plans) },
    { label: 'subscribers', run: () => importers.subscribers(ctx, generated.files.subscribers) },
    { label: 'contracts', run: () => importers.contracts(ctx, generated.files.contracts) },
    { label: 'complaints', run: () => importers.complaints(ctx, generated.files.complaints) },
    { label: 'bills', run: () => importers.bills(ctx, generated.files.bills) },
    ...generated.files.usage.map((file) => ({
      label: `usage ${file.month}`,
      run: () => importers.usage(ctx, file.path),
    })),
  ];
  for (const step of steps) {
    stage(`importing ${step.label}`);
    assertCommitted(step.label, await step.run());
  }
  stage('loading the churn ground truth');
  await loadGroundTruth(ctx.handle.db, generated.files.groundTruth);
  return {
    asOfMonth: config.asOfMonth,
    months: generated.months,
    rows: generated.rows,
    statuses: generated.statuses,
    futureChurners: generated.futureChurners,
    generateMs,
    importMs: Math.round(performance.now() - importStarted),
  };
}

function assertCommitted(label: string, report: ImportReport): void {
  if (report.status === 'committed') return;
  const first = report.errors.slice(0, 5).map(describeRowError);
  throw new AppError(
    'IMPORT_REJECTED',
    `the demo ${label} file was rejected (${report.errorCount} bad rows): ${first.join('; ')}`,
    { kind: report.kind, file: report.file, errors: report.errors.slice(0, 5) },
  );
}

/**
 * Reads ground-truth.csv (msisdn, churn_month, planted_signals) and upserts it into
 * demo_churn_truth keyed by subscriber id. Streamed in batches: a 1M-subscriber demo has ~200k rows.
 */
export async function loadGroundTruth(db: Database, path: string): Promise<number> {
  let batch: { msisdn: string; churnMonth: string; signals: string[] }[] = [];
  let loaded = 0;
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header = true;
  for await (const line of lines) {
    if (header || line === '') {
      header = false;
      continue;
    }
    const [msisdn = '', churnMonth = '', signals = ''] = line.split(',');
    batch.push({ msisdn, churnMonth, signals: signals === '' ? [] : signals.split(';') });
    if (batch.length >= TRUTH_BATCH) {
      loaded += await insertTruth(db, batch);
      batch = [];
    }
  }
  if (batch.length > 0) loaded += await insertTruth(db, batch);
  return loaded;
}

async function insertTruth(
  db: Database,
  batch: { msisdn: string; churnMonth: string; signals: string[] }[],
): Promise<number> {
  const ids = await db
    .select({ id: subscribers.id, msisdn: subscribers.msisdn })
    .from(subscribers)
    .where(
      inArray(
        subscribers.msisdn,
        batch.map((row) => row.msisdn),
      ),
    );
  const idByMsisdn = new Map(ids.map((row) => [row.msisdn, row.id]));
  const values = batch.map((row) => {
    const subscriberId = idByMsisdn.get(row.msisdn);
    if (subscriberId === undefined) {
      throw new AppError('IMPORT_REJECTED', `ground truth names ${row.msisdn}, which was not imported`);
    }
    return { subscriberId, churnMonth: row.churnMonth, plantedSignals: row.signals };
  });
  await db
    .insert(demoChurnTruth)
    .values(values)
    .onConflictDoUpdate({
      target: demoChurnTruth.subscriberId,
      set: { churnMonth: sql`excluded.churn_month`, plantedSignals: sql`excluded.planted_signals` },
    });
  return values.length;
}
