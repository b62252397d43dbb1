import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTACT_POLICY } from '#src/features/contact-policy/contact-policy-settings';
import { buildCandidate } from '#src/features/decisions/build-candidate';
import { DEFAULT_RETRY_SETTINGS } from '#src/features/queue/retry-rules';
import { planCalls } from './plan-calls';
import { dayBounds, localInstant } from './plan-clock';
import type {
  AgentOnDuty,
  Decide,
  HistoryContact,
  PlanCallback,
  PlanCandidate,
  PlanProblem,
} from './plan-types';

const ZONE = 'Asia/Shanghai';
const DAY = '2026-11-24';
const local = (clock: string, day = DAY) => localInstant(day, clock, ZONE);
const consenting = { marketingConsent: true, consentGivenAt: null, doNotCall: false, profilingOptOut: false };

function agent(id: number, teamId: number | null, capacity: number): AgentOnDuty {
  return { agentUserId: id, teamId, windowStart: local('09:00'), windowEnd: local('18:00'), capacity };
}

function member(
  subscriberId: number,
  owner: number | null,
  teamId: number | null,
  extra: Partial<PlanCandidate> = {},
) {
  return {
    decision: buildCandidate({ subscriberId }),
    campaignId: 1,
    arm: 'treatment',
    permissions: consenting,
    ownerUserId: owner,
    teamId,
    attempts: null,
    ...extra,
  } satisfies PlanCandidate;
}

function problem(overrides: Partial<PlanProblem> = {}): PlanProblem {
  return {
    bounds: dayBounds(DAY, ZONE),
    timeZone: ZONE,
    agents: [],
    teamQueued: new Map(),
    campaigns: new Map([[1, { id: 1, name: '挽留', kind: 'retention', dailyQuota: 100 }]]),
    callbacks: [],
    history: new Map(),
    policy: DEFAULT_CONTACT_POLICY,
    retry: DEFAULT_RETRY_SETTINGS,
    minExpectedValueFen: 500,
    ...overrides,
  };
}

/** Expected value = 1,000 × subscriber id: the larger the id, the more valuable the call. */
const byId: Decide = (candidate, allowed) => ({
  action: allowed[0] ?? 'no_action',
  offerCode: null,
  expectedValueFen: candidate.subscriberId * 1_000,
  pSave: 0.2,
  costFen: 600,
  reasons: [{ code: 'risk', params: {} }],
});

describe('the daily call plan', () => {
  it("fills the owner's shift with the most valuable calls, then the team's pool, then stops", () => {
    const outcome = planCalls(
      problem({ agents: [agent(1, 10, 2), agent(2, 10, 1)] }),
      [1, 2, 3, 4, 5].map((id) => member(id, 1, 10)),
      byId,
    );
    const owners = new Map(outcome.tasks.map((t) => [t.subscriberId, t.ownerUserId]));
    expect(owners).toEqual(
      new Map([
        [5, 1],
        [4, 1],
        [3, null],
      ]),
    );
    expect(outcome.overflowByTeam).toEqual({ 10: 1 });
    expect(outcome.unassignedByTeam).toEqual({ 10: 2 });
    // Due times go through the shift: the most valuable first.
    const due = outcome.tasks.filter((t) => t.ownerUserId === 1).map((t) => t.dueAt.getTime());
    expect(due).toEqual([local('09:00').getTime(), local('13:30').getTime()]);
  });

  it('leaves calls below the minimum value and with nothing to do out', () => {
    const outcome = planCalls(
      problem({ agents: [agent(1, null, 10)], minExpectedValueFen: 2_500 }),
      [member(1, 1, null), member(2, 1, null), member(3, 1, null)],
      byId,
    );
    expect(outcome.tasks.map((t) => t.subscriberId)).toEqual([3]);
    expect(outcome.skipped.no_action).toBe(2);
  });

  it('keeps a callback with its agent even off duty, and does not count the call that set it up', () => {
    const setUp: HistoryContact = {
      attemptId: 77,
      at: local('11:00', '2026-11-23'),
      channel: 'call',
      purpose: 'marketing',
      reached: true,
      refusedMarketing: false,
    };
    const callback: PlanCallback = {
      subscriberId: 9,
      attemptId: 77,
      campaignId: 1,
      agentUserId: 42,
      teamId: 10,
      at: local('15:00'),
      action: 'retention_call',
      permissions: consenting,
    };
    const outcome = planCalls(
      problem({ agents: [agent(1, 10, 5)], callbacks: [callback], history: new Map([[9, [setUp]]]) }),
      [member(9, 1, 10)],
      byId,
    );
    expect(outcome.tasks).toHaveLength(1);
    expect(outcome.tasks[0]).toMatchObject({ kind: 'callback', ownerUserId: 42, dueAt: local('15:00') });
    expect(outcome.tasks[0]?.reasons[0]).toMatchObject({
      code: 'callback_requested',
      params: { contactAttemptId: 77 },
    });
    expect(outcome.skipped.already_planned).toBe(1);
    // The same marketing call would be over the cap for a fresh campaign call.
    const fresh = planCalls(
      problem({ agents: [agent(1, 10, 5)], history: new Map([[9, [setUp]]]) }),
      [member(9, 1, 10)],
      byId,
    );
    expect(fresh.tasks).toHaveLength(0);
    expect(fresh.refusals).toEqual({ marketing_cap: 1 });
  });

  it('retries after the delay in another daypart, and not at all once K calls are spent', () => {
    const notReached = (calls: number) => ({
      calls,
      lastAt: local('10:00'),
      lastDisposition: 'not_reached',
      lastCallbackAt: null,
    });
    const planDayProblem = problem({ agents: [agent(1, null, 18)] });
    const outcome = planCalls(
      planDayProblem,
      [member(5, 1, null, { attempts: notReached(1) }), member(6, 1, null, { attempts: notReached(3) })],
      byId,
    );
    expect(outcome.tasks).toHaveLength(1);
    // Failed at 10:00 (morning): not before 14:00, and not in the morning.
    expect(outcome.tasks[0]).toMatchObject({ subscriberId: 5, source: 'retry', attempts: 1 });
    expect(outcome.tasks[0]?.dueAt.getTime()).toBeGreaterThanOrEqual(local('14:00').getTime());
    expect(outcome.skipped.attempts_exhausted).toBe(1);
  });

  it('waits for a retry that falls on a later day', () => {
    const late = { calls: 1, lastAt: local('20:30'), lastDisposition: 'not_reached', lastCallbackAt: null };
    const outcome = planCalls(
      problem({ agents: [agent(1, null, 18)] }),
      [member(5, 1, null, { attempts: late })],
      byId,
    );
    expect(outcome.tasks).toHaveLength(0);
    expect(outcome.skipped.retry_later).toBe(1);
  });

  it('respects the daily quota and calls each subscriber once', () => {
    const outcome = planCalls(
      problem({
        agents: [agent(1, null, 20)],
        campaigns: new Map([
          [1, { id: 1, name: '挽留', kind: 'retention', dailyQuota: 2 }],
          [2, { id: 2, name: '关怀', kind: 'care', dailyQuota: 10 }],
        ]),
      }),
      [member(1, 1, null), member(2, 1, null), member(3, 1, null), { ...member(3, 1, null), campaignId: 2 }],
      byId,
    );
    expect(outcome.chosenByCampaign).toEqual({ 1: 2 });
    expect(outcome.skipped).toMatchObject({ quota_reached: 1, already_planned: 1 });
  });
});
