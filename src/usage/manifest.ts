import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isMonth, USAGE_DATASETS, type UsageDataset } from './datasets';

/**
 * The manifest is the one source of truth for what the usage store holds: for each dataset and
 * month, the Parquet files (paths relative to the store directory) that make up that month.
 * Readers read only listed files; a month is replaced by writing new files first and then
 * swapping the manifest, which is a single atomic rename.
 */
export type MonthFiles = Record<string, string[]>;
export type Manifest = { version: 1; datasets: Record<UsageDataset, MonthFiles> };

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_TEMP_PREFIX = `${MANIFEST_FILE}.tmp-`;

const monthFilesSchema = z.record(
  z.string().refine(isMonth, { error: 'month keys must be YYYY-MM' }),
  z.array(z.string().min(1)),
);
const manifestSchema = z.object({
  version: z.literal(1),
  datasets: z.object({ bills: monthFilesSchema, usage: monthFilesSchema }),
});

export function emptyManifest(): Manifest {
  return { version: 1, datasets: { bills: {}, usage: {} } };
}

/** Reads the manifest; a store that has never been written to has none and is empty. */
export async function readManifest(usageDir: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(join(usageDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if (isNotFound(error)) return emptyManifest();
    throw error;
  }
  return manifestSchema.parse(JSON.parse(text));
}

/**
 * Replaces the manifest atomically: write a temporary file, flush it to disk, rename it over the
 * old one (atomic on POSIX), then flush the directory so the rename itself survives a power cut.
 * A crash before the rename leaves the old manifest; after it, the new one. Never a mix.
 */
export async function writeManifest(usageDir: string, manifest: Manifest): Promise<void> {
  const target = join(usageDir, MANIFEST_FILE);
  const temp = join(usageDir, `${MANIFEST_TEMP_PREFIX}${process.pid}-${randomUUID().slice(0, 8)}`);
  const file = await open(temp, 'w');
  try {
    await file.writeFile(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(usageDir);
}

/**
 * The manifest with `replacement` taking over each of its months in `dataset`, and the files the
 * replaced months listed before (to delete once the new manifest is in place). Pure.
 */
export function withMonthsReplaced(
  manifest: Manifest,
  dataset: UsageDataset,
  replacement: Readonly<MonthFiles>,
): { manifest: Manifest; superseded: string[] } {
  const months = { ...manifest.datasets[dataset] };
  const superseded: string[] = [];
  for (const [month, files] of Object.entries(replacement)) {
    for (const old of months[month] ?? []) if (!files.includes(old)) superseded.push(old);
    months[month] = [...files];
  }
  return {
    manifest: { ...manifest, datasets: { ...manifest.datasets, [dataset]: sortByMonth(months) } },
    superseded,
  };
}

/** Every file the manifest references, relative to the store directory. */
export function referencedFiles(manifest: Manifest): Set<string> {
  const files = new Set<string>();
  for (const dataset of USAGE_DATASETS) {
    for (const list of Object.values(manifest.datasets[dataset])) for (const file of list) files.add(file);
  }
  return files;
}

function sortByMonth(months: MonthFiles): MonthFiles {
  const sorted: MonthFiles = {};
  for (const month of Object.keys(months).sort()) sorted[month] = months[month] ?? [];
  return sorted;
}

export async function syncDirectory(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
