import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '#src/db/client';
import { reportJobs } from '#src/db/schema/analytics';
import { subscriberScores } from '#src/db/schema/scoring';
import { subscribers } from '#src/db/schema/subscribers';
import { type SubscriberScope, scopeCondition } from '../auth/subscriber-scope';

export const SERVICE_REPORT_JOB_KIND = 'service_report';

export type SegmentFilter = {
  tier?: string | undefined;
  vipLevels?: string[] | undefined;
  city?: string | undefined;
  limit: number;
};

/**
 * The subscribers of a segment in the current run, within the actor's scope (the scope is a
 * condition of the query, so an out-of-scope subscriber is never selected), lowest id first.
 */
export async function findSegmentSubscriberIds(
  db: Database,
  runId: number,
  segment: SegmentFilter,
  scope: SubscriberScope,
): Promise<number[]> {
  const rows = await db
    .select({ id: subscriberScores.subscriberId })
    .from(subscriberScores)
    .innerJoin(subscribers, eq(subscribers.id, subscriberScores.subscriberId))
    .where(
      and(
        eq(subscriberScores.runId, runId),
        segment.tier ? eq(subscriberScores.tier, segment.tier) : undefined,
        segment.vipLevels ? inArray(subscribers.vipLevel, segment.vipLevels) : undefined,
        segment.city ? eq(subscribers.city, segment.city) : undefined,
        scopeCondition(scope, subscriberScores.subscriberId),
      ),
    )
    .orderBy(asc(subscriberScores.subscriberId))
    .limit(segment.limit);
  return rows.map((row) => Number(row.id));
}

export async function insertReportJob(
  db: Database,
  job: { params: Record<string, unknown>; total: number; createdBy: number },
) {
  const [row] = await db
    .insert(reportJobs)
    .values({ kind: SERVICE_REPORT_JOB_KIND, params: job.params, total: job.total, createdBy: job.createdBy })
    .returning();
  if (!row) throw new Error('report job insert returned nothing');
  return row;
}

export async function findReportJob(db: Database, id: number) {
  const [row] = await db
    .select()
    .from(reportJobs)
    .where(and(eq(reportJobs.id, id), eq(reportJobs.kind, SERVICE_REPORT_JOB_KIND)));
  return row;
}

export async function updateReportJob(
  db: Database,
  id: number,
  changes: Partial<
    Pick<typeof reportJobs.$inferInsert, 'status' | 'done' | 'failed' | 'outputPath' | 'error' | 'finishedAt'>
  >,
): Promise<void> {
  await db.update(reportJobs).set(changes).where(eq(reportJobs.id, id));
}

/** Jobs left queued or running by a process that stopped: they will never finish. */
export async function failUnfinishedReportJobs(db: Database): Promise<number> {
  const rows = await db
    .update(reportJobs)
    .set({
      status: 'failed',
      error: 'interrupted: the server stopped before the job finished',
      finishedAt: new Date(),
    })
    .where(
      and(eq(reportJobs.kind, SERVICE_REPORT_JOB_KIND), inArray(reportJobs.status, ['queued', 'running'])),
    )
    .returning({ id: reportJobs.id });
  return rows.length;
}
