import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactPermissions } from '#src/features/contact-policy/contact-policy';
import { checkContact } from '#src/features/contact-policy/contact-policy';
import { DEFAULT_CONTACT_POLICY } from '#src/features/contact-policy/contact-policy-settings';
import { ACTIONS, CAMPAIGN_KINDS, type DecisionCandidate } from '#src/features/decisions/decision-types';
import { DEFAULT_RETRY_SETTINGS, daypartOf, nextRetry } from '#src/features/queue/retry-rules';
import { contactOf } from './assign-calls';
import { planCalls } from './plan-calls';
import { dayBounds } from './plan-clock';
import type {
  AgentOnDuty,
  Decide,
  HistoryContact,
  PlanCallback,
  PlanCampaign,
  PlanCandidate,
  PlanOutcome,
  PlanProblem,
} from './plan-types';

// Property tests of the pure planner: whatever the agents, campaigns, members, history and
// callbacks, the plan never breaks capacity, never calls a holdout member, never breaks the contact
// policy, keeps callbacks with their agent and overflows only within the owner's team.
const ZONE = 'Asia/Shanghai';
const DAY = '2026-11-24';
const bounds = dayBounds(DAY, ZONE);
const MINUTE = 60_000;
const at = (minuteOfDay: number) => new Date(bounds.start.getTime() + minuteOfDay * MINUTE);
const OFF_DUTY_AGENT = 99;

type Subscriber = {
  id: number;
  permissions: ContactPermissions;
  owner: number | null;
  team: number | null;
  probability: number;
  valueFen: number;
};

type World = {
  problem: PlanProblem;
  candidates: PlanCandidate[];
};

/** true with the given probability (in tenths). */
const oftenTrue = (share: number) => fc.integer({ min: 0, max: 9 }).map((n) => n < share * 10);

const permissionsArb: fc.Arbitrary<ContactPermissions> = fc.record({
  marketingConsent: oftenTrue(0.8),
  consentGivenAt: fc.constant(null),
  doNotCall: oftenTrue(0.2),
  profilingOptOut: oftenTrue(0.2),
});

const agentArb = (id: number) =>
  fc
    .record({
      teamId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null, freq: 6 }),
      startMinute: fc.integer({ min: 6 * 60, max: 13 * 60 }),
      lengthMinutes: fc.integer({ min: 30, max: 11 * 60 }),
      capacity: fc.integer({ min: 0, max: 12 }),
    })
    .map(
      (a): AgentOnDuty => ({
        agentUserId: id,
        teamId: a.teamId,
        windowStart: at(a.startMinute),
        windowEnd: at(Math.min(a.startMinute + a.lengthMinutes, 24 * 60 - 1)),
        capacity: a.capacity,
      }),
    );

const worldArb: fc.Arbitrary<World> = fc
  .record({
    agentCount: fc.integer({ min: 0, max: 6 }),
    campaigns: fc.array(
      fc.record({
        kind: fc.constantFrom(...CAMPAIGN_KINDS),
        dailyQuota: fc.integer({ min: 0, max: 20 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    teamQueued: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }),
    minExpectedValueFen: fc.integer({ min: 0, max: 3_000 }),
    seed: fc.integer(),
  })
  .chain((base) =>
    fc
      .record({
        agents: fc.tuple(...Array.from({ length: base.agentCount }, (_, i) => agentArb(i + 1))),
        subscribers: fc.uniqueArray(
          fc.record({
            id: fc.integer({ min: 1, max: 40 }),
            permissions: permissionsArb,
            ownerSlot: fc.integer({ min: 0, max: base.agentCount + 1 }),
            offDutyTeam: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
            probability: fc.double({ min: 0, max: 1, noNaN: true }),
            valueFen: fc.integer({ min: 0, max: 50_000 }),
          }),
          { selector: (s) => s.id, maxLength: 30 },
        ),
      })
      .chain(({ agents, subscribers: raw }) => {
        const subscribers: Subscriber[] = raw.map((s) => {
          const agent = agents[s.ownerSlot - 1];
          // Slot 0: an agent who is off duty today; past the end: nobody's book.
          if (s.ownerSlot === 0) {
            return { ...s, owner: OFF_DUTY_AGENT, team: s.offDutyTeam };
          }
          return { ...s, owner: agent?.agentUserId ?? null, team: agent?.teamId ?? null };
        });
        const ids = subscribers.map((s) => s.id);
        const pickSubscriber = ids.length > 0 ? fc.constantFrom(...ids) : fc.constant(0);
        const campaignIds = base.campaigns.map((_, i) => i + 1);
        return fc.record({
          agents: fc.constant(agents),
          subscribers: fc.constant(subscribers),
          members: fc.uniqueArray(
            fc.record({
              subscriberId: pickSubscriber,
              campaignId: fc.constantFrom(...campaignIds),
              arm: fc.constantFrom('treatment' as const, 'treatment' as const, 'holdout' as const),
              attempts: fc.option(
                fc.record({
                  calls: fc.integer({ min: 1, max: 3 }),
                  lastMinute: fc.integer({ min: -24 * 60, max: 10 * 60 }),
                  lastDisposition: fc.constantFrom('not_reached', 'not_reached', 'complaint', 'call_back'),
                  callbackMinute: fc.option(fc.integer({ min: -24 * 60, max: 3 * 24 * 60 }), { nil: null }),
                }),
                { nil: null, freq: 2 },
              ),
            }),
            { selector: (m) => `${m.subscriberId}:${m.campaignId}`, maxLength: 60 },
          ),
          history: fc.array(
            fc.record({
              subscriberId: pickSubscriber,
              minute: fc.integer({ min: -40 * 24 * 60, max: 8 * 60 }),
              channel: fc.constantFrom('call' as const, 'sms' as const),
              purpose: fc.constantFrom('marketing' as const, 'care' as const),
              reached: fc.boolean(),
              refusedMarketing: oftenTrue(0.1),
            }),
            { maxLength: 40 },
          ),
          // One callback per subscriber, as the service reads them (the latest one asked for).
          callbacks: fc.uniqueArray(
            fc.record({
              subscriberId: pickSubscriber,
              agentSlot: fc.integer({ min: 0, max: base.agentCount }),
              minute: fc.integer({ min: 7 * 60, max: 22 * 60 }),
              action: fc.constantFrom(...ACTIONS),
              campaignId: fc.option(fc.constantFrom(...campaignIds), { nil: null }),
            }),
            { selector: (c) => c.subscriberId, maxLength: 5 },
          ),
        });
      })
      .map((w): World => {
        const campaigns = new Map<number, PlanCampaign>(
          base.campaigns.map((c, i) => [i + 1, { id: i + 1, name: `活动${i + 1}`, ...c }]),
        );
        const bySubscriber = new Map(w.subscribers.map((s) => [s.id, s]));
        const history = new Map<number, HistoryContact[]>();
        w.history.forEach((h, i) => {
          if (!bySubscriber.has(h.subscriberId)) return;
          const list = history.get(h.subscriberId) ?? [];
          list.push({ ...h, at: at(h.minute), attemptId: i + 1 });
          history.set(h.subscriberId, list);
        });
        const callbacks: PlanCallback[] = [];
        for (const [i, c] of w.callbacks.entries()) {
          const subscriber = bySubscriber.get(c.subscriberId);
          if (!subscriber) continue;
          const agent = w.agents[c.agentSlot - 1];
          const attemptId = 10_000 + i;
          // The attempt that set the callback up is part of the history.
          const list = history.get(c.subscriberId) ?? [];
          list.push({
            at: at(-60),
            channel: 'call',
            purpose: contactOf(c.action).purpose,
            reached: true,
            refusedMarketing: false,
            attemptId,
          });
          history.set(c.subscriberId, list);
          callbacks.push({
            subscriberId: c.subscriberId,
            attemptId,
            campaignId: c.campaignId,
            agentUserId: agent?.agentUserId ?? OFF_DUTY_AGENT,
            teamId: agent?.teamId ?? null,
            at: at(c.minute),
            action: c.action,
            permissions: subscriber.permissions,
          });
        }
        const candidates: PlanCandidate[] = [];
        for (const m of w.members) {
          const s = bySubscriber.get(m.subscriberId);
          if (!s) continue;
          candidates.push({
            decision: decisionCandidate(s),
            campaignId: m.campaignId,
            arm: m.arm,
            permissions: s.permissions,
            ownerUserId: s.owner,
            teamId: s.team,
            attempts: m.attempts && {
              calls: m.attempts.calls,
              lastAt: at(m.attempts.lastMinute),
              lastDisposition: m.attempts.lastDisposition,
              lastCallbackAt:
                m.attempts.lastDisposition !== 'call_back' || m.attempts.callbackMinute === null
                  ? null
                  : at(m.attempts.callbackMinute),
            },
          });
        }
        const problem: PlanProblem = {
          bounds,
          timeZone: ZONE,
          agents: w.agents,
          teamQueued: new Map(base.teamQueued.map((q, i) => [i + 1, q])),
          campaigns,
          callbacks,
          history,
          policy: DEFAULT_CONTACT_POLICY,
          retry: DEFAULT_RETRY_SETTINGS,
          minExpectedValueFen: base.minExpectedValueFen,
        };
        return { problem, candidates };
      }),
  );

function decisionCandidate(s: Subscriber): DecisionCandidate {
  return {
    subscriberId: s.id,
    probability: s.probability,
    monthlyValueFen: s.valueFen,
    revenueAtRiskFen: Math.round(s.valueFen * s.probability),
    tier: 'churn_warning',
    riskBand: 'high',
    segments: [],
    signalCodes: [],
    lifecycleStage: 'decline',
    vipKind: 'none',
    planCode: 'GT128',
    tenureMonths: 24,
    sceneTags: [],
    hasKeyMoment: s.id % 3 === 0,
    openTicket: false,
  };
}

/** A stand-in next-best-action: some value, some no-action, an offer on marketing calls. */
const decide: Decide = (candidate, allowed) => {
  const action = allowed[candidate.subscriberId % allowed.length] ?? 'no_action';
  // Spread by id (fast-check draws many zero probabilities and values), nudged by risk and value.
  const ev =
    ((candidate.subscriberId * 7_919) % 6_000) -
    500 +
    Math.round(candidate.probability * candidate.monthlyValueFen * 0.05);
  const marketing = action === 'retention_call' || action === 'upsell_call';
  return {
    action,
    offerCode: marketing && candidate.subscriberId % 2 === 0 ? 'BILL_DISCOUNT_20' : null,
    expectedValueFen: ev,
    pSave: 0.3,
    costFen: 600,
    reasons: [{ code: 'test', params: { ev } }],
  };
};

const run = (world: World): PlanOutcome => planCalls(world.problem, world.candidates, decide);
const RUNS = { numRuns: 300 };

describe('the daily call plan (properties)', () => {
  it('never gives an agent more calls than their capacity (callbacks they own aside)', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const outcome = run(world);
        for (const agent of world.problem.agents) {
          const owned = outcome.tasks.filter((t) => t.ownerUserId === agent.agentUserId);
          const callbacks = owned.filter((t) => t.source === 'callback').length;
          expect(owned.length).toBeLessThanOrEqual(Math.max(agent.capacity, callbacks));
        }
      }),
      RUNS,
    );
  });

  it('never plans more for a team than its pooled capacity less the work already queued', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const outcome = run(world);
        const teams = new Set(world.problem.agents.flatMap((a) => (a.teamId === null ? [] : [a.teamId])));
        for (const team of teams) {
          const capacity = world.problem.agents
            .filter((a) => a.teamId === team)
            .reduce((sum, a) => sum + a.capacity, 0);
          const limit = Math.max(0, capacity - (world.problem.teamQueued.get(team) ?? 0));
          const tasks = outcome.tasks.filter((t) => t.teamId === team);
          const callbacks = tasks.filter((t) => t.source === 'callback').length;
          expect(tasks.length - callbacks).toBeLessThanOrEqual(Math.max(0, limit - callbacks));
        }
      }),
      RUNS,
    );
  });

  it('never calls a holdout member for their campaign', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const outcome = run(world);
        const holdout = new Set(
          world.candidates
            .filter((c) => c.arm === 'holdout')
            .map((c) => `${c.decision.subscriberId}:${c.campaignId}`),
        );
        for (const task of outcome.tasks.filter((t) => t.source !== 'callback')) {
          expect(holdout.has(`${task.subscriberId}:${task.campaignId}`)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('never plans a contact the contact policy refuses, and at most one per subscriber', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const outcome = run(world);
        const subscribers = outcome.tasks.map((t) => t.subscriberId);
        expect(new Set(subscribers).size).toBe(subscribers.length);
        const permissionsOf = new Map<number, ContactPermissions>();
        for (const c of world.candidates) permissionsOf.set(c.decision.subscriberId, c.permissions);
        for (const c of world.problem.callbacks) permissionsOf.set(c.subscriberId, c.permissions);
        for (const task of outcome.tasks) {
          const permissions = permissionsOf.get(task.subscriberId);
          if (!permissions) throw new Error('a task for a subscriber nobody proposed');
          const callback = world.problem.callbacks.find(
            (c) => task.source === 'callback' && c.subscriberId === task.subscriberId,
          );
          const history = (world.problem.history.get(task.subscriberId) ?? []).filter(
            (h) => h.attemptId !== callback?.attemptId,
          );
          const verdict = checkContact(
            {
              at: task.dueAt,
              channel: task.channel,
              purpose: task.purpose,
              carriesOffer: task.offerCode !== null,
              basedOnProfiling: task.source !== 'callback',
            },
            permissions,
            history,
            world.problem.policy,
          );
          expect(verdict).toEqual({ allowed: true });
          expect(contactOf(task.action)).toEqual({ channel: task.channel, purpose: task.purpose });
        }
      }),
      RUNS,
    );
  });

  it('keeps every callback with the agent who took it, at the time agreed', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const outcome = run(world);
        const callbackTasks = outcome.tasks.filter((t) => t.source === 'callback');
        for (const task of callbackTasks) {
          const callback = world.problem.callbacks.find(
            (c) => c.subscriberId === task.subscriberId && c.at.getTime() === task.dueAt.getTime(),
          );
          expect(callback).toBeDefined();
          expect(task.ownerUserId).toBe(callback?.agentUserId);
          expect(task.kind).toBe('callback');
        }
        // Every callback is planned, refused by the policy, or a second one for the same subscriber.
        const distinct = new Set(world.problem.callbacks.map((c) => c.subscriberId)).size;
        expect(callbackTasks.length).toBeLessThanOrEqual(distinct);
        expect(
          callbackTasks.length + outcome.skipped.policy + outcome.skipped.already_planned,
        ).toBeGreaterThanOrEqual(world.problem.callbacks.length);
      }),
      RUNS,
    );
  });

  it("gives a campaign call to the book owner or, overflowing, to the owner's own team only", () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const outcome = run(world);
        for (const task of outcome.tasks.filter((t) => t.source !== 'callback')) {
          const member = world.candidates.find(
            (c) => c.decision.subscriberId === task.subscriberId && c.campaignId === task.campaignId,
          );
          if (!member) throw new Error('a task for a candidate that does not exist');
          expect(task.teamId).toBe(member.teamId);
          if (task.ownerUserId === null) {
            expect(task.teamId).not.toBeNull();
            expect(world.problem.agents.some((a) => a.teamId === task.teamId)).toBe(true);
          } else {
            expect(task.ownerUserId).toBe(member.ownerUserId);
          }
        }
      }),
      RUNS,
    );
  });

  it('respects daily quotas and the minimum value, and keeps due times on shift', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const outcome = run(world);
        const { problem } = world;
        for (const campaign of problem.campaigns.values()) {
          const tasks = outcome.tasks.filter((t) => t.campaignId === campaign.id);
          const callbacks = tasks.filter((t) => t.source === 'callback').length;
          expect(tasks.length).toBeLessThanOrEqual(Math.max(campaign.dailyQuota, callbacks));
        }
        for (const task of outcome.tasks.filter((t) => t.source !== 'callback')) {
          expect(task.expectedValueFen).toBeGreaterThan(0);
          expect(task.expectedValueFen ?? 0).toBeGreaterThanOrEqual(problem.minExpectedValueFen);
          const windows = problem.agents.filter((a) =>
            task.ownerUserId === null ? a.teamId === task.teamId : a.agentUserId === task.ownerUserId,
          );
          const start = Math.min(...windows.map((a) => a.windowStart.getTime()));
          const end = Math.max(...windows.map((a) => a.windowEnd.getTime()));
          expect(task.dueAt.getTime()).toBeGreaterThanOrEqual(start);
          expect(task.dueAt.getTime()).toBeLessThanOrEqual(end);
        }
      }),
      RUNS,
    );
  });

  it('retries only after the delay, in another daypart, on the plan day, and never past K attempts', () => {
    fc.assert(
      fc.property(worldArb, (world) => {
        const outcome = run(world);
        const { problem } = world;
        for (const task of outcome.tasks.filter((t) => t.source !== 'callback')) {
          const member = world.candidates.find(
            (c) => c.decision.subscriberId === task.subscriberId && c.campaignId === task.campaignId,
          );
          const attempts = member?.attempts;
          if (!attempts) continue;
          expect(attempts.calls).toBeLessThan(problem.retry.maxAttempts);
          if (attempts.lastDisposition !== 'not_reached') continue;
          expect(task.source).toBe('retry');
          const decision = nextRetry(attempts.lastAt, attempts.calls, problem.retry, ZONE);
          if (!decision.retry) throw new Error('a retry past K attempts');
          expect(task.dueAt.getTime()).toBeGreaterThanOrEqual(decision.notBefore.getTime());
          expect(task.dueAt.getTime()).toBeLessThan(problem.bounds.end.getTime());
          const part = daypartOf(task.dueAt, problem.retry, ZONE);
          expect(part).not.toBe(-1);
          expect(part).not.toBe(decision.avoidDaypart);
        }
      }),
      RUNS,
    );
  });
});

// The properties above only mean something if the worlds drawn actually get calls planned.
describe('the property generator', () => {
  it('draws worlds in which callbacks, retries, owned and overflow calls all happen', () => {
    const outcomes = fc.sample(worldArb, { numRuns: 300, seed: 7 }).map(run);
    const tasks = outcomes.flatMap((o) => o.tasks);
    expect(tasks.filter((t) => t.source === 'callback').length).toBeGreaterThan(10);
    expect(tasks.filter((t) => t.source === 'retry').length).toBeGreaterThan(5);
    expect(tasks.filter((t) => t.source === 'campaign' && t.ownerUserId !== null).length).toBeGreaterThan(10);
    expect(tasks.filter((t) => t.ownerUserId === null).length).toBeGreaterThan(2);
    expect(outcomes.reduce((n, o) => n + o.skipped.policy, 0)).toBeGreaterThan(10);
    expect(outcomes.reduce((n, o) => n + o.skipped.holdout, 0)).toBeGreaterThan(10);
  });
});
