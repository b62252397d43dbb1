import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DbHandle } from '#src/db/client';
import { findTeams } from './daily-summary.repository';
import { dailySummaryOf } from './daily-summary.service';
import { dailySummaryCsv } from './daily-summary-csv';

const DATE_DIR = /^\d{4}-\d{2}-\d{2}$/;
const TEAM_FILE = /^(\d{1,9})\.csv$/;
/** The files list shows about two months of mornings. */
const LISTED_DAYS = 62;

export function dailyReportsDir(dataDir: string): string {
  return join(dataDir, 'reports', 'daily');
}

/** `<dataDir>/reports/daily/<date>/<teamId>.csv`; both parts are validated by the callers' schemas. */
export function summaryFilePath(dataDir: string, date: string, teamId: number): string {
  return join(dailyReportsDir(dataDir), date, `${teamId}.csv`);
}

/**
 * Writes every team's summary for `date` (Chinese headings, the business language) and returns the
 * paths. Each file is written beside its final name and renamed, so a reader never sees half a file.
 */
export async function writeDailySummaries(
  handle: DbHandle,
  options: { dataDir: string; timeZone: string },
  date: string,
): Promise<string[]> {
  const written: string[] = [];
  for (const team of await findTeams(handle.engine, null)) {
    const summary = await dailySummaryOf(handle, team.id, date, options.timeZone);
    const path = summaryFilePath(options.dataDir, date, team.id);
    await mkdir(join(dailyReportsDir(options.dataDir), date), { recursive: true });
    await writeFile(`${path}.tmp`, dailySummaryCsv(summary, 'zh-CN'), 'utf8');
    await rename(`${path}.tmp`, path);
    written.push(path);
  }
  return written;
}

export type SummaryFile = { date: string; teamId: number; bytes: number; url: string };

async function entriesOf(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The written summaries, newest day first, of one team or all. */
export async function listSummaryFiles(dataDir: string, teamId: number | null): Promise<SummaryFile[]> {
  const days = (await entriesOf(dailyReportsDir(dataDir)))
    .filter((d) => DATE_DIR.test(d))
    .sort()
    .reverse()
    .slice(0, LISTED_DAYS);
  const files: SummaryFile[] = [];
  for (const date of days) {
    for (const name of (await entriesOf(join(dailyReportsDir(dataDir), date))).sort()) {
      const match = TEAM_FILE.exec(name);
      if (!match) continue;
      const fileTeam = Number(match[1]);
      if (teamId !== null && fileTeam !== teamId) continue;
      const info = await stat(join(dailyReportsDir(dataDir), date, name));
      files.push({
        date,
        teamId: fileTeam,
        bytes: info.size,
        url: `/api/daily-summary/files/${date}/${name}`,
      });
    }
  }
  return files;
}
