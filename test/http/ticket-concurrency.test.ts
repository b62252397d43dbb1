import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '#src/db/client';
import { ticketEvents, tickets } from '#src/db/schema/tickets';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { openTestTicket } from '#test/support/ticket-factory';

type Detail = { id: number; title: string; description: string | null; version: number };

/**
 * Issue 6 §4: two people editing one ticket. Whoever writes second with the version they read is
 * refused (412 for If-Match, 409 for a body version), the first one's change stands, the second's is
 * nowhere, and after re-reading the second applies it on top: nothing is lost.
 */
describeEachEngine('ticket optimistic concurrency', (getDb, engine) => {
  let t: TestApp;
  let owner: TestUser;
  let lead: TestUser;
  let subscriberId = 0;

  beforeAll(async () => {
    const handle = getDb();
    t = await buildTestApp(handle);
    owner = await t.user('cc-agent', 'agent', 'Team C');
    lead = await t.user('cc-lead', 'lead', 'Team C');
    subscriberId = (await insertSubscriber(handle.db, (await insertPlan(handle.db)).id)).id;
    await assignToBook(handle.db, subscriberId, owner.id);
  });

  afterAll(async () => {
    await t.close();
  });

  const read = async (user: TestUser, id: number) => {
    const response = await t.injectAs(user, { method: 'GET', url: `/api/tickets/${id}` });
    expect(response.statusCode).toBe(200);
    return { etag: String(response.headers.etag), ticket: response.json() as Detail };
  };
  const patch = (user: TestUser, id: number, payload: object, ifMatch?: string) =>
    t.injectAs(user, {
      method: 'PATCH',
      url: `/api/tickets/${id}`,
      payload,
      ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
    });
  const stored = async (id: number) => (await getDb().db.select().from(tickets).where(eq(tickets.id, id)))[0];
  const updates = async (id: number) =>
    (
      await getDb()
        .db.select()
        .from(ticketEvents)
        .where(eq(ticketEvents.ticketId, id))
        .orderBy(ticketEvents.id)
    )
      .filter((e) => e.kind === 'updated')
      .map((e) => e.details);

  /** Both read version N, both write; exactly one wins, then the loser re-reads and re-applies. */
  async function twoEditors(via: 'if-match' | 'body', refusedWith: number) {
    const ticket = await openTestTicket(getDb().db, { subscriberId, category: 'other', title: '原标题' });
    const a = await read(owner, ticket.id);
    const b = await read(lead, ticket.id);
    expect(a.etag).toBe('"1"');
    expect(b.etag).toBe(a.etag);
    const send = (user: TestUser, title: string, seen: { etag: string; ticket: Detail }) =>
      via === 'if-match'
        ? patch(user, ticket.id, { title }, seen.etag)
        : patch(user, ticket.id, { title, version: seen.ticket.version });
    const responses = await Promise.all([send(owner, '张三的标题', a), send(lead, '李四的标题', b)]);
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, refusedWith].sort());

    const winnerIndex = responses.findIndex((r) => r.statusCode === 200);
    const winnerTitle = winnerIndex === 0 ? '张三的标题' : '李四的标题';
    const loserTitle = winnerIndex === 0 ? '李四的标题' : '张三的标题';
    const loser = winnerIndex === 0 ? lead : owner;
    const refusal = responses[1 - winnerIndex] as LightMyRequestResponse;
    expect(refusal.json()).toMatchObject({ error: { details: { currentVersion: 2 } } });
    expect(responses[winnerIndex]?.headers.etag).toBe('"2"');

    // The winner's change is in the row and the timeline; the loser's is nowhere.
    expect((await stored(ticket.id))?.title).toBe(winnerTitle);
    expect((await stored(ticket.id))?.version).toBe(2);
    expect(await updates(ticket.id)).toEqual([{ title: winnerTitle }]);
    expect(JSON.stringify(await updates(ticket.id))).not.toContain(loserTitle);

    // The loser re-reads, sees the winner's title, applies theirs on top: both changes are recorded.
    const again = await read(loser, ticket.id);
    expect(again.etag).toBe('"2"');
    expect(again.ticket.title).toBe(winnerTitle);
    const retried = await send(loser, loserTitle, again);
    expect(retried.statusCode).toBe(200);
    expect(retried.headers.etag).toBe('"3"');
    expect((await stored(ticket.id))?.title).toBe(loserTitle);
    expect(await updates(ticket.id)).toEqual([{ title: winnerTitle }, { title: loserTitle }]);
  }

  it('refuses the second of two If-Match writes of the same version with 412, and loses nothing', async () => {
    await twoEditors('if-match', 412);
  });

  it('refuses the second of two body-version writes of the same version with 409, and loses nothing', async () => {
    await twoEditors('body', 409);
  });

  it('lets exactly one of ten simultaneous writes with the same If-Match through', async () => {
    const ticket = await openTestTicket(getDb().db, { subscriberId, category: 'other', title: '原标题' });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => patch(owner, ticket.id, { title: `第${i}次修改` }, '"1"')),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(9);
    const winner = responses.findIndex((r) => r.statusCode === 200);
    expect((await stored(ticket.id))?.title).toBe(`第${winner}次修改`);
    expect((await stored(ticket.id))?.version).toBe(2);
    expect(await updates(ticket.id)).toEqual([{ title: `第${winner}次修改` }]);
  });

  it.runIf(engine === 'postgres')(
    'makes writers that waited on the row lock compare against the version committed before them',
    async () => {
      const handle = getDb();
      const pool = poolOf(handle.engine);
      const ticket = await openTestTicket(handle.db, { subscriberId, category: 'other', title: '原标题' });
      // Someone else holds the row: both writers read version 1 and then block on the lock.
      const holder = await pool.connect();
      try {
        await holder.query('begin');
        await holder.query('select version from tickets where id = $1 for update', [ticket.id]);
        const writes = Promise.all([
          patch(owner, ticket.id, { title: '甲' }, '"1"'),
          patch(lead, ticket.id, { title: '乙', version: 1 }),
        ]);
        await waitForLockWaiters(pool, 2);
        // The holder's own change commits first: version 2, which neither writer read.
        await holder.query("update tickets set title = '丙', version = version + 1 where id = $1", [
          ticket.id,
        ]);
        await holder.query('commit');
        const [viaHeader, viaBody] = await writes;
        expect(viaHeader.statusCode).toBe(412);
        expect(viaBody.statusCode).toBe(409);
        expect((await stored(ticket.id))?.title).toBe('丙');
        expect(await updates(ticket.id)).toEqual([]);
      } finally {
        holder.release();
      }
    },
  );
});

function poolOf(engine: Engine) {
  if (engine.kind !== 'postgres') throw new Error('a PostgreSQL pool is needed');
  return engine.pool;
}

/** Polls until `count` backends of this database wait on a lock (the writers blocked on the row). */
async function waitForLockWaiters(pool: ReturnType<typeof poolOf>, count: number): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const result = await pool.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
    );
    if ((result.rows[0]?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${count} writers ever waited on the row lock`);
}
