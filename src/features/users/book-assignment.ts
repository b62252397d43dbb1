/**
 * Deals every non-group subscriber without a phone manager to the given agents in turn (by
 * subscriber id), keeping each agent's team on the assignment; existing assignments stay.
 * Parameters: $1 the agents' usernames (text[]). Returns one row: `assigned`, how many were dealt.
 * Plain SQL so the demo (through an Engine) and the benchmarks (through their own client) share it.
 */
export const ASSIGN_BOOKS_IN_TURN_SQL = `
  with agents as (
    select u.id as agent_user_id, u.team_id, (a.slot - 1)::int as slot
    from unnest($1::text[]) with ordinality as a(username, slot)
    join users u on u.username = a.username
  ), inserted as (
    insert into subscriber_books (subscriber_id, agent_user_id, team_id)
    select s.id, a.agent_user_id, a.team_id
    from subscribers s join agents a on a.slot = s.id % cardinality($1::text[])
    where not s.is_group_customer
    on conflict (subscriber_id) do nothing
    returning 1
  )
  select count(*)::int as assigned from inserted`;
