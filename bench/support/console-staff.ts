// Staff and books at a realistic scale for the console benchmark: teams of agents under a lead,
// one admin, every non-group subscriber in exactly one agent's book (set-based, like
// src/features/demo/demo-staff.ts). The password is hashed once with the server's own argon2id
// settings and the same hash stored for everyone: 200 separate hashes would only cost time.

import pg from 'pg';
import { hashPassword } from '#src/features/auth/password-hash';
import { ASSIGN_BOOKS_IN_TURN_SQL } from '#src/features/users/book-assignment';

export const BENCH_PASSWORD = 'console-bench-Passw0rd!';
export const ADMIN_USERNAME = 'bench-admin';

export type Staff = {
  agents: { id: number; username: string; teamId: number }[];
  leads: { id: number; username: string; teamId: number }[];
  /** subscriber ids of each agent's book, by agent user id */
  books: Map<number, number[]>;
  assigned: number;
};

export async function createStaff(url: string, teams: number, agentsPerTeam: number): Promise<Staff> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const hash = await hashPassword(BENCH_PASSWORD);
    const client = await pool.connect();
    try {
      await client.query('begin');
      const teamRows = await client.query<{ id: number }>(
        `insert into teams (name)
         select '压测' || lpad(t::text, 2, '0') || '组' from generate_series(1, $1) t
         returning id`,
        [teams],
      );
      const teamIds = teamRows.rows.map((r) => r.id);
      await client.query(
        `insert into users (username, display_name, role, password_hash, password_changed_at)
         values ($1, '压测管理员', 'admin', $2, now())`,
        [ADMIN_USERNAME, hash],
      );
      await client.query(
        `insert into users (username, display_name, role, team_id, password_hash, password_changed_at)
         select 'bench-lead' || lpad(k::text, 2, '0'), '班组长' || k, 'lead', t.id, $2, now()
         from unnest($1::int[]) with ordinality as t(id, k)`,
        [teamIds, hash],
      );
      await client.query(
        `insert into users (username, display_name, role, team_id, password_hash, password_changed_at)
         select 'bench-agent' || lpad(((t.k - 1) * $3 + a)::text, 3, '0'), '客户经理' || ((t.k - 1) * $3 + a),
           'agent', t.id, $2, now()
         from unnest($1::int[]) with ordinality as t(id, k), generate_series(1, $3) a`,
        [teamIds, hash, agentsPerTeam],
      );
      const agentNames = await client.query<{ username: string }>(
        "select username from users where role = 'agent' and username like 'bench-agent%' order by id",
      );
      const books = await client.query<{ assigned: number }>(ASSIGN_BOOKS_IN_TURN_SQL, [
        agentNames.rows.map((r) => r.username),
      ]);
      await client.query('commit');
      const people = await client.query<{ id: number; username: string; role: string; team_id: number }>(
        `select id, username, role, team_id from users where username like 'bench-%' and team_id is not null
         order by id`,
      );
      const members = people.rows.map((r) => ({ id: r.id, username: r.username, teamId: r.team_id }));
      const bookRows = await client.query<{ agent: number; ids: string[] }>(
        'select agent_user_id as agent, array_agg(subscriber_id) as ids from subscriber_books group by 1',
      );
      const bookMap = new Map<number, number[]>();
      for (const row of bookRows.rows) bookMap.set(row.agent, row.ids.map(Number));
      return {
        agents: members.filter((_, i) => people.rows[i]?.role === 'agent'),
        leads: members.filter((_, i) => people.rows[i]?.role === 'lead'),
        books: bookMap,
        assigned: books.rows[0]?.assigned ?? 0,
      };
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

/** Fresh statistics and visibility map, as a database that has been live for a day would have. */
export async function vacuumAnalyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
}
