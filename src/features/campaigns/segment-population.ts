import type { Segment } from './segment-rules';
import { compileSegment, type SqlParameters } from './segment-sql';

/**
 * Who a segment means today: scored in the given run, matching every rule, not churned, and — for a
 * team campaign — in one of that team's books. Count and launch share this text, so the live count a
 * builder sees is exactly who a launch would draw.
 *
 * Without profile rules the subscribers table is not joined: churned subscribers are few, so the
 * anti-join walks the status index instead of a million-row join (the count must be quick at 1M).
 */
export function segmentPopulationSql(
  segment: Segment,
  scope: { runId: number; teamId: number | null; today: string },
  params: SqlParameters,
): string {
  const compiled = compileSegment(segment, scope.today, params);
  const run = params.add(scope.runId, 'int');
  const lines = compiled.needsProfile
    ? [
        'from subscriber_scores sc join subscribers s on s.id = sc.subscriber_id',
        `where sc.run_id = ${run} and s.status <> 'churned'`,
      ]
    : [
        'from subscriber_scores sc',
        `where sc.run_id = ${run}`,
        `and not exists (select 1 from subscribers x where x.id = sc.subscriber_id and x.status = 'churned')`,
      ];
  if (scope.teamId !== null) {
    lines.push(
      `and exists (select 1 from subscriber_books sb where sb.subscriber_id = sc.subscriber_id and sb.team_id = ${params.add(scope.teamId, 'int')})`,
    );
  }
  lines.push(`and ${compiled.where}`);
  return lines.join('\n');
}
