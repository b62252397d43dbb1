import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';

/**
 * Saves per agent: distinct subscribers who accepted an offer on the agent's call in [from, to)
 * and have not churned since (no 'churned' status period starting on or after the call's day in
 * the business time zone). Only a lead's team's agents when teamId is given.
 */
export async function countSavesByAgent(
  engine: Engine,
  range: { from: Date; to: Date },
  teamId: number | null,
  timeZone: string,
): Promise<Map<number, number>> {
  const rows = await queryRows<{ agent_user_id: number; saves: number }>(
    engine,
    `select ca.agent_user_id, count(distinct ca.subscriber_id)::int as saves
       from contact_attempts ca
      where ca.channel = 'call' and ca.disposition = 'accepted'
        and ca.started_at >= $1::timestamptz and ca.started_at < $2::timestamptz
        and ($3::int is null or exists (select 1 from users u where u.id = ca.agent_user_id and u.team_id = $3::int))
        and not exists (
          select 1 from subscriber_status_history h
           where h.subscriber_id = ca.subscriber_id and h.status = 'churned'
             and h.valid_from >= (ca.started_at at time zone $4::text)::date)
      group by ca.agent_user_id`,
    [range.from.toISOString(), range.to.toISOString(), teamId, timeZone],
  );
  return new Map(rows.map((r) => [Number(r.agent_user_id), Number(r.saves)]));
}
