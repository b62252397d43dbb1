import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '#test/support/app';
import { type GuardWorld, injectAs, runLimited } from './guard-fixture';
import { type Finding, GRANTS } from './tampering-oracle';

/**
 * Searches, lists and exports as every actor: by other books' and deleted subscribers' full numbers,
 * suffixes and names. A 2xx to a role without the permission, an item outside the actor's scope, or
 * a total larger than the scope is an unauthorised read.
 */
export async function listProbes(world: GuardWorld, live: Set<number>, rid: () => string, t: TestApp) {
  const findings: Finding[] = [];
  let count = 0;
  const all = [...world.subscribers, ...world.deleted];
  const tasks: (() => Promise<void>)[] = [];
  for (const actor of world.actors) {
    const grants = GRANTS[actor.kind];
    const visible = !actor.active
      ? new Set<number>()
      : actor.kind === 'analyst'
        ? live
        : actor.kind === 'auditor'
          ? new Set<number>()
          : actor.scope;
    const hidden = all.filter((s) => !visible.has(s.id));
    const urls: { url: string; permission: string }[] = [
      { url: '/api/subscribers?pageSize=200', permission: 'subscribers.search' },
      { url: '/api/scores?pageSize=200', permission: 'scores.read' },
      { url: '/api/users', permission: 'users.manage' },
      { url: '/api/teams', permission: 'users.manage' },
      { url: `/api/audit?subscriberId=${hidden[0]?.id ?? 1}`, permission: 'audit.read' },
      {
        url: `/api/subscribers/export?reason=${encodeURIComponent('quarterly review')}&q=${hidden[0]?.msisdn ?? ''}`,
        permission: 'subscribers.export',
      },
    ];
    for (const [i, s] of hidden.entries()) {
      const queries = [
        s.msisdn,
        ...(i % 3 === 0 ? [s.msisdn.slice(-4)] : []),
        ...(i % 5 === 0 ? [s.name] : []),
      ];
      for (const q of queries) {
        urls.push({
          url: `/api/subscribers?pageSize=200&q=${encodeURIComponent(q)}`,
          permission: 'subscribers.search',
        });
      }
    }
    for (const { url, permission } of urls) {
      count++;
      tasks.push(async () => {
        const res = await injectAs(t, actor.user, { method: 'GET', url }, rid());
        const base = {
          actor: actor.name,
          method: 'GET',
          url,
          status: res.statusCode,
          body: res.body.slice(0, 200),
        };
        if (res.statusCode >= 500) findings.push({ ...base, why: 'server error' });
        if (res.statusCode < 200 || res.statusCode >= 300) return;
        if (!grants.has(permission) || !actor.active) {
          findings.push({ ...base, why: `2xx without ${permission}` });
          return;
        }
        const ids = idsInList(url, res);
        const outside = ids.filter((id) => !visible.has(id));
        if (outside.length > 0)
          findings.push({ ...base, why: `listed out-of-scope ids ${outside.join(',')}` });
        const total = url.startsWith('/api/subscribers?') ? (res.json() as { total: number }).total : 0;
        if (total > visible.size) findings.push({ ...base, why: `total ${total} exceeds the scope` });
      });
    }
  }
  await runLimited(tasks);
  return { findings, count };
}

export function idsInList(url: string, res: LightMyRequestResponse): number[] {
  if (url.startsWith('/api/subscribers/export')) {
    return res.body
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[0]));
  }
  if (url.startsWith('/api/scores')) {
    return (res.json() as { items: { subscriberId: number }[] }).items.map((i) => i.subscriberId);
  }
  if (url.startsWith('/api/subscribers?')) {
    return (res.json() as { items: { id: number }[] }).items.map((i) => i.id);
  }
  return [];
}
