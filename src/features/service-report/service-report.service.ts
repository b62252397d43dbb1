import { z } from 'zod';
import type { DbHandle } from '#src/db/client';
import { planAdviceFor } from '#src/features/offers/plan-advice.service';
import { SERIES_MONTHS } from '#src/features/scoring/features/feature-query.sql';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { AppError, notFound } from '#src/lib/app-error';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import {
  lastCompleteQuarterOn,
  parseQuarter,
  previousQuarter,
  type Quarter,
  reportableQuarters,
  seriesIndexesOf,
  seriesMonthsOf,
} from './quarter';
import { buildReportContent, type ReportContent } from './report-content';
import type { ReportLanguage } from './report-texts';
import {
  countCareContacts,
  countTicketsResolved,
  findAcceptedOffers,
  findPeerAverages,
  findReportScore,
  findReportSubscriber,
  type PeerAverages,
} from './service-report.repository';

/** What the report needs from the configuration: the business zone, the operator and today. */
export type ReportContext = {
  timeZone: string;
  operator: { name: string; serviceNumber: string };
  today: string;
};

export type ReportRequest = { quarter?: string | undefined; lang: ReportLanguage };

const storedSeriesSchema = z.object({
  spendFen: z.array(z.number().nullable()),
  minutes: z.array(z.number().nullable()),
  dataMb: z.array(z.number().nullable()),
  mix: z.object({ voice: z.number(), data: z.number(), valueAdded: z.number() }).nullable().default(null),
});

// Peer averages per (run, tier, city, quarter): a succeeded run never changes, so they can be kept;
// the bulk job asks for the same few groups thousands of times. Bounded so a long-lived server
// does not grow without limit (cleared whole: a cache miss costs one set-based statement).
const PEER_CACHE_LIMIT = 2_000;
const peerCache = new Map<string, PeerAverages>();

async function peersOf(handle: DbHandle, runId: number, tier: string, city: string, indexes: number[]) {
  const key = `${runId}|${tier}|${city}|${indexes.join(',')}`;
  const cached = peerCache.get(key);
  if (cached) return cached;
  const peers = await findPeerAverages(handle, runId, tier, city, indexes);
  if (peerCache.size >= PEER_CACHE_LIMIT) peerCache.clear();
  peerCache.set(key, peers);
  return peers;
}

/** The run reports are drawn from (the current one); refused while no run has succeeded yet. */
export async function currentReportRun(handle: DbHandle) {
  const run = await findCurrentRun(handle.db);
  if (!run) {
    throw new AppError('CONFLICT', 'No scoring run has succeeded yet: the service report reads its figures');
  }
  return run;
}

/** The requested quarter, or the last complete one; 400 naming `quarter` when the run cannot cover it. */
export function resolveQuarter(requested: string | undefined, asOf: string): Quarter {
  if (requested === undefined) return lastCompleteQuarterOn(asOf);
  const available = reportableQuarters(asOf, SERIES_MONTHS);
  const quarter = parseQuarter(requested);
  if (!quarter || !available.includes(quarter.code)) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', {
      issues: [
        {
          path: 'quarter',
          message: `${requested} is not covered by the current scoring run (as of ${asOf}); choose one of ${available.join(', ')}`,
        },
      ],
      availableQuarters: available,
    });
  }
  return quarter;
}

/**
 * One subscriber's report content. The caller has checked scope (requireSubscriberInScope, or the
 * bulk job's scoped selection) and audits the generation.
 */
export async function buildServiceReport(
  handle: DbHandle,
  context: ReportContext,
  subscriberId: number,
  request: ReportRequest,
): Promise<ReportContent & { availableQuarters: string[] }> {
  const run = await currentReportRun(handle);
  const quarter = resolveQuarter(request.quarter, run.asOf);
  const subscriber = await findReportSubscriber(handle.db, subscriberId);
  if (!subscriber) throw notFound('Subscriber');
  const score = await findReportScore(handle.db, run.id, subscriberId);
  if (!score) {
    throw new AppError(
      'CONFLICT',
      'The subscriber has no score in the current scoring run, which the report reads',
    );
  }
  const series = storedSeriesSchema.parse(score.series);
  const previous = previousQuarter(quarter);
  const zone = context.timeZone;
  const [peers, advice, acceptedOffers, careContacts, ticketsResolved] = await Promise.all([
    peersOf(
      handle,
      run.id,
      score.tier,
      score.city,
      seriesIndexesOf(quarter, run.asOf, series.spendFen.length),
    ),
    planAdviceFor(handle.db, subscriberId, { today: context.today }),
    findAcceptedOffers(handle.db, subscriberId, quarter.start, quarter.end, zone),
    countCareContacts(handle.db, subscriberId, quarter.start, quarter.end, zone),
    countTicketsResolved(handle.db, subscriberId, quarter.start, quarter.end, zone),
  ]);
  const content = buildReportContent({
    lang: request.lang,
    quarter,
    previousQuarter: previous,
    runId: run.id,
    asOf: run.asOf,
    series: { ...series, months: seriesMonthsOf(run.asOf, series.spendFen.length) },
    subscriber: { ...subscriber, tier: score.tier },
    peers,
    advice: {
      currentAverageFen: advice.current?.averageFen ?? null,
      recommendations: advice.recommendations.map((r) => ({
        kind: r.kind,
        targetPlanCode: r.targetPlanCode,
        targetPlanName: r.targetPlanName,
        monthlyDifferenceFen: r.monthlyDifferenceFen,
      })),
    },
    benefits: {
      acceptedOffers: acceptedOffers.map((o) => ({
        offerCode: o.offerCode ?? '',
        nameZh: o.nameZh,
        nameEn: o.nameEn,
        acceptedAt: o.acceptedAt.toISOString(),
      })),
      careContacts,
      ticketsResolved,
    },
    manager: {
      displayName: subscriber.managerName,
      serviceNumber: context.operator.serviceNumber,
      operatorName: context.operator.name,
    },
  });
  return { ...content, availableQuarters: reportableQuarters(run.asOf, SERIES_MONTHS) };
}

/** Records one generated report: who, whose, which quarter and in what form. */
export function auditReportGenerated(
  handle: DbHandle,
  actor: Actor,
  subscriberId: number,
  details: { quarter: string; lang: ReportLanguage; format: 'json' | 'pdf'; jobId?: number },
): Promise<number> {
  return auditActor(handle.db, actor, {
    action: 'service_report.generate',
    subscriberId,
    target: details.quarter,
    details,
  });
}
