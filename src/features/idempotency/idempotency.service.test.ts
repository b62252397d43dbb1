import { eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { idempotencyKeys } from '#src/db/schema/idempotency';
import { teams } from '#src/db/schema/users';
import { AppError } from '#src/lib/app-error';
import { describeEachEngine } from '#test/support/database';
import { deleteExpiredKeys } from './idempotency.repository';
import { IdempotencyRefusal, type KeyClaim, runOnce } from './idempotency.service';

const answer = (body: string) => ({ status: 201, body, headers: { etag: '"1"' } });

describeEachEngine('runOnce', (getDb) => {
  const claim = (key: string, requestHash = 'h1'): KeyClaim => ({
    userId: null,
    key,
    route: 'POST /test',
    requestHash,
  });
  const teamNamed = async (name: string) => getDb().db.select().from(teams).where(eq(teams.name, name));
  const keyRows = async (key: string) =>
    getDb().db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));

  it('commits the effect with the answer, and replays the answer without running again', async () => {
    const { db } = getDb();
    let runs = 0;
    const write = async (tx: typeof db) => {
      runs += 1;
      await tx.insert(teams).values({ name: 'once-a' });
      return answer('{"team":"once-a"}');
    };
    const first = await runOnce(db, claim('k-a'), write);
    const again = await runOnce(db, claim('k-a'), write);
    expect(first).toEqual({ replayed: false, response: answer('{"team":"once-a"}') });
    expect(again).toEqual({ replayed: true, response: answer('{"team":"once-a"}') });
    expect(runs).toBe(1);
    expect(await teamNamed('once-a')).toHaveLength(1);
  });

  it('leaves neither effect nor key when the write fails unexpectedly after its effect', async () => {
    const { db } = getDb();
    const failing = runOnce(db, claim('k-b'), async (tx) => {
      await tx.insert(teams).values({ name: 'once-b' });
      throw new Error('the process died here');
    });
    await expect(failing).rejects.toThrow('the process died here');
    expect(await teamNamed('once-b')).toEqual([]);
    expect(await keyRows('k-b')).toEqual([]);
  });

  it('on a refusal keeps what the service keeps without a key, undoes its own transaction, forgets the key', async () => {
    const { db } = getDb();
    const refused = runOnce(db, claim('k-c'), async (tx) => {
      // Like an audited denial: written on the connection, outside the service's transaction.
      await tx.insert(teams).values({ name: 'once-c-kept' });
      await tx.transaction(async (inner) => {
        await inner.insert(teams).values({ name: 'once-c-undone' });
        throw new AppError('NOT_FOUND', 'Subscriber not found');
      });
      return answer('{}');
    });
    await expect(refused).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await teamNamed('once-c-kept')).toHaveLength(1);
    expect(await teamNamed('once-c-undone')).toEqual([]);
    expect(await keyRows('k-c')).toEqual([]);
    const retried = await runOnce(db, claim('k-c', 'h2'), async () => answer('{"ok":true}'));
    expect(retried.replayed).toBe(false);
  });

  it('refuses another request under a key in use, and forgets keys at their expiry', async () => {
    const { db } = getDb();
    const now = new Date('2026-03-01T08:00:00Z');
    await runOnce(db, claim('k-d'), async () => answer('{}'), now);
    const other = runOnce(db, claim('k-d', 'h2'), async () => answer('{}'), now);
    await expect(other).rejects.toBeInstanceOf(IdempotencyRefusal);
    await expect(other).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 });

    const hour = 3600 * 1000;
    await runOnce(db, claim('k-e'), async () => answer('{}'), new Date(now.getTime() + 12 * hour));
    const dayLater = new Date(now.getTime() + 24 * hour);
    expect(await deleteExpiredKeys(db, dayLater)).toBeGreaterThanOrEqual(1);
    const left = await db
      .select({ key: idempotencyKeys.key })
      .from(idempotencyKeys)
      .where(inArray(idempotencyKeys.key, ['k-d', 'k-e']));
    expect(left).toEqual([{ key: 'k-e' }]);
  });
});
