import { inArray } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { subscriberAgentTags } from '#src/db/schema/books';
import { complaints, serviceContacts } from '#src/db/schema/service';
import { subscribers } from '#src/db/schema/subscribers';
import type { TestApp, TestUser } from '#test/support/app';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';

/**
 * The guard tests' world: two teams with a lead and their agents, each agent with a separate book,
 * a lead of a team with no agents, an analyst, an auditor, a disabled agent who still holds a book and a
 * (now useless) session cookie, unassigned subscribers, and deleted subscribers whose ids sit between
 * live ones. Contacts and complaints give the 360 content; some notes carry full numbers on purpose.
 */
export type GuardActorKind = 'agent' | 'lead' | 'analyst' | 'auditor' | 'anonymous';

export type GuardActor = {
  name: string;
  kind: GuardActorKind;
  /** null: no cookie at all. */
  user: TestUser | null;
  /** Subscriber ids the actor may read one by one (agents their book, leads their team's books). */
  scope: ReadonlySet<number>;
  /** Subscriber ids whose call tags the actor may edit (an agent's own book). */
  editable: ReadonlySet<number>;
  /** False for the disabled agent and nobody: every request must fail. */
  active: boolean;
  /** Call tasks the actor holds (claimed): the ones whose briefing, dial and outcome it may use. */
  heldTasks: ReadonlySet<number>;
  /** Call tasks the actor may claim: held ones, open ones it owns, its team's unowned open ones. */
  claimableTasks: ReadonlySet<number>;
  /** Campaigns the actor may read (with campaigns.read) or manage (with campaigns.manage). */
  campaigns: ReadonlySet<number>;
  /** Tickets the actor may read and work: its scope's subscribers' and those assigned to it. */
  tickets: ReadonlySet<number>;
  /** Satisfaction revisits of those tickets. */
  revisits: ReadonlySet<number>;
};

export type GuardSubscriber = { id: number; msisdn: string; idNumber: string; name: string };

export type GuardWorld = {
  actors: GuardActor[];
  byName: Record<string, GuardActor>;
  admin: TestUser;
  subscribers: GuardSubscriber[];
  /** Subscribers inserted and then deleted (their ids are "deleted ids"). */
  deleted: GuardSubscriber[];
  deletedIds: number[];
  unassignedIds: number[];
  books: Record<string, number[]>;
  maxSubscriberId: number;
  userIds: number[];
};

/** A full number written into free text (contact notes) to prove it is masked on the way out. */
export const NOTE_MSISDN = '13912340000';
export const NOTE_ID_NUMBER = '110105199001011234';

const BOOK_SIZE = 6;

/** Deterministic, distinct, realistic numbers: 11-digit MSISDNs on 13x–19x, valid-shaped ID numbers. */
function msisdnFor(n: number): string {
  const prefix = ['138', '139', '150', '186', '177', '199', '135', '147'][n % 8];
  return `${prefix}${String(10_000_000 + n * 7919).slice(-8)}`;
}
function idNumberFor(n: number): string {
  return `3201021985${String(1000 + n).slice(-4)}${String(100 + (n % 900)).slice(-3)}${n % 3 === 0 ? 'X' : String(n % 10)}`;
}

export async function createGuardWorld(
  t: TestApp,
  handle: DbHandle,
  options: { extraBookIds?: number[] } = {},
): Promise<GuardWorld> {
  const { db } = handle;
  const plan = await insertPlan(db, { code: 'GUARD128', name: '全球通128元' });

  const leadA = await t.user('guard-lead-a', 'lead', 'guard-team-a');
  const agentA1 = await t.user('guard-agent-a1', 'agent', 'guard-team-a');
  const agentA2 = await t.user('guard-agent-a2', 'agent', 'guard-team-a');
  const leadB = await t.user('guard-lead-b', 'lead', 'guard-team-b');
  const agentB1 = await t.user('guard-agent-b1', 'agent', 'guard-team-b');
  const agentB2 = await t.user('guard-agent-b2', 'agent', 'guard-team-b');
  const leadless = await t.user('guard-lead-c', 'lead', 'guard-team-c');
  const analyst = await t.user('guard-analyst', 'analyst');
  const auditor = await t.user('guard-auditor', 'auditor');
  const disabled = await t.user('guard-agent-disabled', 'agent', 'guard-team-b');
  const agents = { agentA1, agentA2, agentB1, agentB2, disabled };

  // Insert in one interleaved sequence so deleted and unassigned ids sit between books' ids.
  const all: GuardSubscriber[] = [];
  const books: Record<string, number[]> = Object.fromEntries(Object.keys(agents).map((k) => [k, []]));
  const unassignedIds: number[] = [];
  const doomed: number[] = [];
  const deleted: GuardSubscriber[] = [];
  const slots = [...Object.keys(agents), 'unassigned', 'deleted'];
  let n = 0;
  for (let round = 0; round < BOOK_SIZE; round++) {
    for (const slot of slots) {
      n++;
      const msisdn = msisdnFor(n);
      const idNumber = idNumberFor(n);
      const name = `客户${n}`;
      const row = await insertSubscriber(db, plan.id, { msisdn, idNumber, name, city: '南京市' });
      if (slot === 'unassigned') unassignedIds.push(row.id);
      else if (slot === 'deleted') doomed.push(row.id);
      else {
        const agent = agents[slot as keyof typeof agents];
        books[slot]?.push(row.id);
        await assignToBook(db, row.id, agent.id);
      }
      if (slot === 'deleted') deleted.push({ id: row.id, msisdn, idNumber, name });
      else all.push({ id: row.id, msisdn, idNumber, name });
      if (slot === 'deleted') await assignToBook(db, row.id, agentA1.id);
    }
  }
  // Extra (e.g. demo) subscribers go round the active agents' books.
  const activeAgents = ['agentA1', 'agentA2', 'agentB1', 'agentB2'] as const;
  (options.extraBookIds ?? []).forEach((id, i) => {
    books[activeAgents[i % activeAgents.length] as string]?.push(id);
  });
  for (const [i, id] of (options.extraBookIds ?? []).entries()) {
    await assignToBook(db, id, agents[activeAgents[i % activeAgents.length] as keyof typeof agents].id);
  }

  // The 360's other content: contacts (one note quotes full numbers), complaints, call tags.
  const withContent = [...(books.agentA1 ?? []).slice(0, 3), ...(books.agentB1 ?? []).slice(0, 2), ...doomed];
  for (const [i, subscriberId] of withContent.entries()) {
    await db.insert(serviceContacts).values([
      {
        subscriberId,
        occurredAt: new Date(Date.UTC(2026, 2, 1 + i, 2)),
        channel: 'phone',
        direction: 'outbound',
        type: 'retention_call',
        agentUserId: agentA1.id,
        summary: `客户要求回拨 ${NOTE_MSISDN}，身份证 ${NOTE_ID_NUMBER} 已核实`,
      },
      {
        subscriberId,
        occurredAt: new Date(Date.UTC(2026, 2, 10 + i, 3)),
        channel: 'sms',
        direction: 'inbound',
        type: 'inquiry',
        agentUserId: null,
        summary: '询问流量包',
      },
    ]);
    await db.insert(complaints).values({
      subscriberId,
      complaintNo: `GC2026-${String(i).padStart(4, '0')}`,
      openedAt: new Date(Date.UTC(2026, 2, 5 + i)),
      category: 'billing',
      status: i % 2 ? 'resolved' : 'open',
      slaDueAt: new Date(Date.UTC(2026, 2, 8 + i)),
      resolvedAt: i % 2 ? new Date(Date.UTC(2026, 2, 7 + i)) : null,
      description: `来电号码 ${NOTE_MSISDN}`,
    });
    await db
      .insert(subscriberAgentTags)
      .values({ subscriberId, personality: 'owl', mood: 'rational', updatedByUserId: agentA1.id });
  }
  await db.delete(subscribers).where(inArray(subscribers.id, doomed));

  // The disabled agent keeps a book and a cookie that must no longer open anything.
  const off = await t.inject({ method: 'POST', url: `/api/users/${disabled.id}/disable` });
  if (off.statusCode !== 200) throw new Error(`disabling the test agent failed: ${off.body}`);

  // Campaigns of each team and one for every team; call tasks held, owned and pooled.
  const teamIdOf = async (username: string) => {
    const [row] = await queryRows<{ team_id: number }>(
      handle.engine,
      'select team_id from users where username = $1',
      [username],
    );
    return Number(row?.team_id);
  };
  const teamA = await teamIdOf('guard-agent-a1');
  const teamB = await teamIdOf('guard-agent-b1');
  const campaign = async (name: string, teamId: number | null) => {
    const [row] = await queryRows<{ id: number }>(
      handle.engine,
      `insert into campaigns (name, kind, status, starts_on, team_id) values ($1, 'retention', 'draft', '2026-03-01', $2)
       returning id`,
      [name, teamId],
    );
    return Number(row?.id);
  };
  const campaignA = await campaign('guard team A', teamA);
  const campaignB = await campaign('guard team B', teamB);
  const campaignAll = await campaign('guard all teams', null);
  const task = async (
    subscriberId: number,
    owner: TestUser | null,
    teamId: number,
    holder: TestUser | null,
  ) => {
    const [row] = await queryRows<{ id: number }>(
      handle.engine,
      `insert into call_tasks (subscriber_id, kind, owner_user_id, team_id, status, claimed_by_user_id, claimed_at,
                               claim_expires_at, campaign_id, action)
       values ($1, 'retention_call', $2, $3, $4, $5, case when $5::int is null then null else now() end,
               case when $5::int is null then null else now() + interval '1 day' end, $6, 'retention_call')
       returning id`,
      [subscriberId, owner?.id ?? null, teamId, holder ? 'claimed' : 'open', holder?.id ?? null, campaignA],
    );
    return Number(row?.id);
  };
  const a1Book = books.agentA1 ?? [];
  const b1Book = books.agentB1 ?? [];
  const heldByA1 = await task(a1Book[0] as number, agentA1, teamA, agentA1);
  const ownedByA1 = await task(a1Book[1] as number, agentA1, teamA, null);
  const poolA = await task((books.agentA2 ?? [])[0] as number, null, teamA, null);
  const heldByB1 = await task(b1Book[0] as number, agentB1, teamB, agentB1);
  const ownedByB1 = await task(b1Book[1] as number, agentB1, teamB, null);

  // Tickets on each team's books, one of team B's assigned to agent A1, and a revisit per ticket.
  const ticket = async (subscriberId: number, assignee: TestUser | null) => {
    const [row] = await queryRows<{ id: number }>(
      handle.engine,
      `insert into tickets (subscriber_id, source, category, title, vip_level, group_name, assignee_user_id,
                            opened_at, sla_terms, due_at)
       values ($1, 'contact', 'network_signal', 'guard ticket', 'gold', '综合客服组', $2, now(),
               '{"limitMinutes":1440,"clock":"calendar","warningRatio":0.8,"groupLeadAfterBreachMinutes":0,"managerAfterBreachMinutes":240}',
               now() + interval '1 day')
       returning id`,
      [subscriberId, assignee?.id ?? null],
    );
    return Number(row?.id);
  };
  const revisit = async (subscriberId: number, ticketId: number) => {
    const [row] = await queryRows<{ id: number }>(
      handle.engine,
      `insert into satisfaction_revisits (subscriber_id, ticket_id, channel) values ($1, $2, 'call') returning id`,
      [subscriberId, ticketId],
    );
    return Number(row?.id);
  };
  const ticketA1 = await ticket(a1Book[2] as number, null);
  const ticketB1 = await ticket(b1Book[2] as number, null);
  const ticketB1ForA1 = await ticket(b1Book[3] as number, agentA1);
  const revisitA1 = await revisit(a1Book[2] as number, ticketA1);
  const revisitB1 = await revisit(b1Book[2] as number, ticketB1);
  const revisitB1ForA1 = await revisit(b1Book[3] as number, ticketB1ForA1);

  const team = (...names: string[]) => new Set(names.flatMap((k) => books[k] ?? []));
  const none = new Set<number>();
  const ids = (...values: number[]) => new Set(values);
  const actor = (
    name: string,
    kind: GuardActorKind,
    user: TestUser | null,
    scope: Set<number>,
    editable: Set<number> = none,
    active = true,
    work: {
      held?: Set<number>;
      claimable?: Set<number>;
      campaigns?: Set<number>;
      tickets?: Set<number>;
      revisits?: Set<number>;
    } = {},
  ): GuardActor => ({
    name,
    kind,
    user,
    scope,
    editable,
    active,
    heldTasks: work.held ?? none,
    claimableTasks: work.claimable ?? none,
    campaigns: work.campaigns ?? none,
    tickets: work.tickets ?? none,
    revisits: work.revisits ?? none,
  });
  const everyCampaign = ids(campaignA, campaignB, campaignAll);
  const actors = [
    actor('agent-a1', 'agent', agentA1, team('agentA1'), team('agentA1'), true, {
      held: ids(heldByA1),
      claimable: ids(heldByA1, ownedByA1, poolA),
      tickets: ids(ticketA1, ticketB1ForA1),
      revisits: ids(revisitA1, revisitB1ForA1),
    }),
    actor('agent-a2', 'agent', agentA2, team('agentA2'), team('agentA2'), true, { claimable: ids(poolA) }),
    actor('agent-b1', 'agent', agentB1, team('agentB1'), team('agentB1'), true, {
      held: ids(heldByB1),
      claimable: ids(heldByB1, ownedByB1),
      tickets: ids(ticketB1, ticketB1ForA1),
      revisits: ids(revisitB1, revisitB1ForA1),
    }),
    actor('agent-b2', 'agent', agentB2, team('agentB2'), team('agentB2')),
    // Team A: agents a1 and a2. Team B: b1, b2 and the disabled agent (whose book stays in the team).
    actor('lead-a', 'lead', leadA, team('agentA1', 'agentA2'), none, true, {
      campaigns: ids(campaignA),
      tickets: ids(ticketA1),
      revisits: ids(revisitA1),
    }),
    actor('lead-b', 'lead', leadB, team('agentB1', 'agentB2', 'disabled'), none, true, {
      campaigns: ids(campaignB),
      tickets: ids(ticketB1, ticketB1ForA1),
      revisits: ids(revisitB1, revisitB1ForA1),
    }),
    actor('lead-of-empty-team', 'lead', leadless, none),
    actor('analyst', 'analyst', analyst, none, none, true, { campaigns: everyCampaign }),
    actor('auditor', 'auditor', auditor, none),
    actor('agent-disabled', 'agent', disabled, none, none, false),
    actor('anonymous', 'anonymous', null, none, none, false),
  ];
  const [max] = await queryRows<{ max: number }>(
    handle.engine,
    'select coalesce(max(id), 0)::int as max from subscribers',
  );
  const userRows = await queryRows<{ id: number }>(handle.engine, 'select id from users order by id');
  return {
    actors,
    byName: Object.fromEntries(actors.map((a) => [a.name, a])),
    admin: t.admin,
    subscribers: all,
    deleted,
    deletedIds: doomed,
    unassignedIds,
    books,
    maxSubscriberId: Math.max(max?.max ?? 0, ...doomed),
    userIds: userRows.map((r) => r.id),
  };
}

/** Runs `tasks` with at most `limit` in flight; results in task order. */
export async function runLimited<T>(tasks: (() => Promise<T>)[], limit = 8): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= tasks.length) return;
      results[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** An injected request as the actor (no cookie for the anonymous one), with a predictable request id. */
export function injectAs(
  t: TestApp,
  user: TestUser | null,
  options: InjectOptions,
  requestId: string,
): Promise<LightMyRequestResponse> {
  return t.injectAs(user, { ...options, headers: { ...options.headers, 'x-request-id': requestId } });
}

/** The full-number patterns of the issue: an 11-digit MSISDN, an 18-character resident ID number. */
export const MSISDN_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
export const ID_NUMBER_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;

export const UNMASK_BODY = { reason: 'checking a complaint', fields: ['msisdn', 'idNumber'] };
export const TAGS_BODY = {
  personality: 'eagle',
  mood: null,
  purchasePsychology: 'guided',
  communicationStyle: 'visual',
  consumptionHabit: 'practical',
  complaintPsychology: 'venting',
};
