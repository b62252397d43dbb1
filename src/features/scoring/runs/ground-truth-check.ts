import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { addMonths, monthOf } from '#src/lib/months';
import { rocAuc } from '#src/ml/metrics';

/** How far ahead the demo plants churn, and so the window its truth can judge (demo-window.ts). */
const TRUTH_WINDOW_MONTHS = 3;

export type GroundTruthCheck = {
  /** Scored subscribers, and those the demo recorded as leaving within the truth window. */
  subscribers: number;
  churners: number;
  windowMonths: number;
  rocAuc: number;
  churnWarning: { flagged: number; precision: number; recall: number };
  /** The riskiest tenth by probability: how many of them leave, against the base rate. */
  topDecile: { precision: number; lift: number };
};

/**
 * Compares a run with the churn the demo generator planted (demo_churn_truth): does the model
 * rank the real leavers high, and is the churn-warning tier mostly right? Null without demo truth.
 */
export async function checkAgainstDemoTruth(
  handle: DbHandle,
  runId: number,
  asOf: string,
): Promise<GroundTruthCheck | null> {
  const [truth] = await queryRows<{ n: string | number }>(
    handle.engine,
    'SELECT count(*) AS n FROM demo_churn_truth',
  );
  if (Number(truth?.n ?? 0) === 0) return null;
  const from = monthOf(asOf);
  const to = addMonths(from, TRUTH_WINDOW_MONTHS);
  const rows = await queryRows<{ probability: number; warned: boolean; churned: boolean }>(
    handle.engine,
    `SELECT s.probability, s.tier = 'churn_warning' AS warned,
            (t.churn_month > $2 AND t.churn_month <= $3) IS TRUE AS churned
       FROM subscriber_scores s
       LEFT JOIN demo_churn_truth t ON t.subscriber_id = s.subscriber_id
      WHERE s.run_id = $1`,
    [runId, from, to],
  );
  return summariseCheck(rows);
}

export function summariseCheck(
  rows: readonly { probability: number; warned: boolean; churned: boolean }[],
): GroundTruthCheck | null {
  const churners = rows.filter((r) => r.churned).length;
  if (rows.length === 0 || churners === 0 || churners === rows.length) return null;
  const probabilities = rows.map((r) => Number(r.probability));
  const labels = rows.map((r) => (r.churned ? 1 : 0));
  const warned = rows.filter((r) => r.warned);
  const warnedChurners = warned.filter((r) => r.churned).length;
  const ranked = [...rows].sort((a, b) => Number(b.probability) - Number(a.probability));
  const top = ranked.slice(0, Math.max(1, Math.floor(rows.length / 10)));
  const topPrecision = top.filter((r) => r.churned).length / top.length;
  const baseRate = churners / rows.length;
  return {
    subscribers: rows.length,
    churners,
    windowMonths: TRUTH_WINDOW_MONTHS,
    rocAuc: round4(rocAuc(probabilities, labels)),
    churnWarning: {
      flagged: warned.length,
      precision: warned.length === 0 ? 0 : round4(warnedChurners / warned.length),
      recall: round4(warnedChurners / churners),
    },
    topDecile: { precision: round4(topPrecision), lift: round4(topPrecision / baseRate) },
  };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
