import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { DbHandle } from '#src/db/client';
import type { reportJobs } from '#src/db/schema/analytics';
import { AppError, notFound } from '#src/lib/app-error';
import { auditWithinLimit, type RateLimit } from '../audit/rate-limit';
import type { Actor } from '../auth/actor';
import { subscriberScopeOf } from '../auth/subscriber-scope';
import {
  findReportJob,
  findSegmentSubscriberIds,
  insertReportJob,
  updateReportJob,
} from './report-jobs.repository';
import { createReportDocument, drawReport } from './report-pdf';
import type { BulkReportBody, ReportJobView } from './service-report.schemas';
import {
  auditReportGenerated,
  buildServiceReport,
  currentReportRun,
  type ReportContext,
  resolveQuarter,
} from './service-report.service';

type JobRow = typeof reportJobs.$inferSelect;

// Progress is written at most this often, so a 2,000-report job does not write 2,000 updates.
const PROGRESS_INTERVAL_MS = 500;

export function reportJobFile(dataDir: string, jobId: number): string {
  return join(dataDir, 'reports', `job-${jobId}.pdf`);
}

/**
 * Starts the service reports of a segment (admin or lead): the subscribers are chosen now, within
 * the actor's scope, and the job row answers at once; `finished` settles when the PDF is written
 * (the route logs a failure, as POST /api/scoring/runs does). A job is a bulk export of
 * subscriber-level pages: audited as `service_report.bulk` and limited per user and day like the
 * subscriber export (429 past it).
 */
export async function startBulkReportJob(
  handle: DbHandle,
  context: ReportContext & { dataDir: string },
  actor: Actor,
  body: BulkReportBody,
  limit: RateLimit,
): Promise<{ job: ReportJobView; finished: Promise<void> }> {
  if (actor.role !== 'admin' && actor.role !== 'lead') {
    throw new AppError('FORBIDDEN', 'Only admins and team leads generate reports for a segment');
  }
  const run = await currentReportRun(handle);
  const quarter = resolveQuarter(body.quarter, run.asOf);
  const ids = await findSegmentSubscriberIds(handle.db, run.id, body.segment, subscriberScopeOf(actor));
  if (ids.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', {
      issues: [
        { path: 'segment', message: 'no subscriber in your scope matches this segment in the current run' },
      ],
    });
  }
  const params = { quarter: quarter.code, lang: body.lang, segment: body.segment, runId: run.id };
  const { result: row } = await auditWithinLimit(
    handle.db,
    actor,
    { action: 'service_report.bulk' },
    limit,
    async (tx) => {
      const job = await insertReportJob(tx, { params, total: ids.length, createdBy: actor.userId });
      return { result: job, entry: { target: `job:${job.id}`, details: { ...params, total: ids.length } } };
    },
  );
  const finishedJob = runReportJob(handle, context, actor, row.id, ids, {
    quarter: quarter.code,
    lang: body.lang,
  });
  return { job: reportJobView(row), finished: finishedJob };
}

async function runReportJob(
  handle: DbHandle,
  context: ReportContext & { dataDir: string },
  actor: Actor,
  jobId: number,
  ids: number[],
  request: { quarter: string; lang: BulkReportBody['lang'] },
): Promise<void> {
  const target = reportJobFile(context.dataDir, jobId);
  const partial = `${target}.partial`;
  let done = 0;
  let failed = 0;
  try {
    await updateReportJob(handle.db, jobId, { status: 'running' });
    await mkdir(join(context.dataDir, 'reports'), { recursive: true });
    const doc = createReportDocument(
      request.lang === 'zh-CN' ? '一对一服务报告' : 'One-to-one service reports',
    );
    const written = finished(doc.pipe(createWriteStream(partial)));
    let lastProgress = Date.now();
    for (const subscriberId of ids) {
      try {
        const content = await buildServiceReport(handle, context, subscriberId, request);
        // pdfkit opens the first page itself; every later subscriber starts on a fresh one.
        if (done > 0) doc.addPage();
        drawReport(doc, content);
        await auditReportGenerated(handle, actor, subscriberId, { ...request, format: 'pdf', jobId });
        done += 1;
      } catch {
        // One subscriber's missing score must not sink the batch: counted, and the job goes on.
        failed += 1;
      }
      if (Date.now() - lastProgress >= PROGRESS_INTERVAL_MS) {
        lastProgress = Date.now();
        await updateReportJob(handle.db, jobId, { done, failed });
      }
    }
    doc.end();
    await written;
    if (done === 0) throw new Error('no report could be generated for this segment');
    // Renamed only when complete, so a download never serves half a file.
    await rename(partial, target);
    await updateReportJob(handle.db, jobId, {
      status: 'succeeded',
      done,
      failed,
      outputPath: target,
      finishedAt: new Date(),
    });
  } catch (error) {
    await rm(partial, { force: true });
    const message = error instanceof Error ? error.message : 'report job failed';
    await updateReportJob(handle.db, jobId, {
      status: 'failed',
      done,
      failed,
      error: message,
      finishedAt: new Date(),
    });
    throw error;
  }
}

/** A job its creator or an admin may follow; anyone else gets the answer for a job that does not exist. */
export async function getReportJob(handle: DbHandle, actor: Actor, jobId: number): Promise<JobRow> {
  const row = await findReportJob(handle.db, jobId);
  if (!row || (actor.role !== 'admin' && row.createdBy !== actor.userId)) throw notFound('Report job');
  return row;
}

/** The finished PDF's path; 409 while the job has not succeeded. */
export async function reportJobOutput(handle: DbHandle, actor: Actor, jobId: number): Promise<string> {
  const row = await getReportJob(handle, actor, jobId);
  if (row.status !== 'succeeded' || !row.outputPath) {
    throw new AppError(
      'CONFLICT',
      `Report job ${jobId} is ${row.status}: its file is ready once it has succeeded`,
    );
  }
  return row.outputPath;
}

export function reportJobView(row: JobRow): ReportJobView {
  const params = (row.params ?? {}) as { quarter?: unknown; lang?: unknown };
  const status =
    row.status === 'queued' || row.status === 'running' || row.status === 'succeeded' ? row.status : 'failed';
  return {
    id: row.id,
    kind: row.kind,
    status,
    quarter: typeof params.quarter === 'string' ? params.quarter : null,
    lang: typeof params.lang === 'string' ? params.lang : null,
    total: row.total,
    done: row.done,
    failed: row.failed,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
    fileUrl: status === 'succeeded' ? `/api/service-reports/jobs/${row.id}/file` : null,
  };
}
