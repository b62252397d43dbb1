import {
  type ContactChannel,
  type ContactPermissions,
  type ContactPurpose,
  type ContactRefusal,
  checkContact,
  type PastContact,
} from '#src/features/contact-policy/contact-policy';
import type { Action } from '#src/features/decisions/decision-types';
import { callbackReason, campaignReason, overflowReason, retryReason } from './plan-reasons';
import { Timeline } from './plan-timeline';
import type {
  AgentOnDuty,
  AgentOutcome,
  PlanCallback,
  PlannedTask,
  PlanOutcome,
  PlanProblem,
  Proposal,
  SkipReason,
} from './plan-types';
import type { ProposalPool } from './propose-calls';

/** Callbacks go first in every queue: the subscriber was promised this call. */
export const CALLBACK_PRIORITY = 1_000_000_000;

/** How an action reaches the subscriber, and whether it sells (marketing) or looks after (care). */
export function contactOf(action: Action): { channel: ContactChannel; purpose: ContactPurpose } {
  switch (action) {
    case 'retention_call':
    case 'upsell_call':
      return { channel: 'call', purpose: 'marketing' };
    case 'care_call':
    case 'no_action':
      return { channel: 'call', purpose: 'care' };
    case 'care_sms':
      return { channel: 'sms', purpose: 'care' };
  }
}

type AgentState = { duty: AgentOnDuty; timeline: Timeline; outcome: AgentOutcome };
type TeamState = { timeline: Timeline; limit: number; used: number };

/**
 * Phase two of the plan: who calls whom and when. Greedy by expected value: callbacks first (they
 * were promised), then proposals from the most valuable down, each given to the book owner while
 * the owner has a free slot on shift, else to the owner's team pool while the team's pooled
 * capacity lasts, else left unassigned. With one unit of capacity per call, taking the most
 * valuable call first is what an exact assignment would do for a single agent; across owners, team
 * pools, quotas and the one-call-per-subscriber rule it is an approximation, but it is linear after
 * one sort and easy to explain to a supervisor ("the most valuable calls went first").
 * Every task passes the contact policy at its due time before it takes a slot.
 */
export function assignCalls(problem: PlanProblem, pool: ProposalPool): PlanOutcome {
  const agents = new Map<number, AgentState>();
  const teams = buildTeams(problem);
  for (const duty of problem.agents) {
    agents.set(duty.agentUserId, {
      duty,
      timeline: new Timeline(
        duty.windowStart,
        duty.windowEnd,
        duty.capacity,
        problem.retry,
        problem.timeZone,
      ),
      outcome: {
        agentUserId: duty.agentUserId,
        teamId: duty.teamId,
        capacity: duty.capacity,
        assigned: 0,
        callbacks: 0,
        retries: 0,
      },
    });
  }
  const outcome: PlanOutcome = {
    tasks: [],
    skipped: allSkips(pool),
    refusals: {},
    agents: [...agents.values()].map((a) => a.outcome),
    overflowByTeam: {},
    unassignedByTeam: {},
    chosenByCampaign: {},
    chosenByAction: {},
  };
  const planned = new Set<number>();
  const unassigned = new Set<number>();
  const count = (record: Record<string, number>, key: string | number) => {
    record[key] = (record[key] ?? 0) + 1;
  };
  const refuse = (refusals: readonly ContactRefusal[]) => {
    outcome.skipped.policy++;
    for (const r of refusals) outcome.refusals[r] = (outcome.refusals[r] ?? 0) + 1;
  };
  const chosen = (task: PlannedTask) => {
    outcome.tasks.push(task);
    planned.add(task.subscriberId);
    if (task.campaignId !== null) count(outcome.chosenByCampaign, task.campaignId);
    count(outcome.chosenByAction, task.action);
  };

  // Callbacks keep their agent, on shift or not, and their time; on shift they use up the nearest slot.
  const callbacks = [...problem.callbacks].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || a.subscriberId - b.subscriberId,
  );
  for (const callback of callbacks) {
    if (planned.has(callback.subscriberId)) {
      outcome.skipped.already_planned++;
      continue;
    }
    const { channel, purpose } = contactOf(callback.action);
    const verdict = policyVerdict(problem, callback.subscriberId, callback.permissions, {
      at: callback.at,
      channel,
      purpose,
      carriesOffer: false,
      // The subscriber asked for this call; no profiling chose it.
      basedOnProfiling: false,
      excludeAttemptId: callback.attemptId,
    });
    if (!verdict.allowed) {
      refuse(verdict.refusals);
      continue;
    }
    const agent = agents.get(callback.agentUserId);
    if (agent) {
      const slot = agent.timeline.nearestFreeSlot(callback.at);
      if (slot !== -1) agent.timeline.take(slot);
      agent.outcome.assigned++;
      agent.outcome.callbacks++;
    }
    const team = callback.teamId === null ? undefined : teams.get(callback.teamId);
    if (team) team.used++;
    chosen(callbackTask(callback, problem));
  }

  const proposals = pool.proposals.sort(
    (a, b) =>
      b.score.expectedValueFen - a.score.expectedValueFen ||
      a.subscriberId - b.subscriberId ||
      a.campaignId - b.campaignId,
  );
  for (const proposal of proposals) {
    if (planned.has(proposal.subscriberId)) {
      outcome.skipped.already_planned++;
      continue;
    }
    const campaign = problem.campaigns.get(proposal.campaignId);
    if (!campaign || (outcome.chosenByCampaign[campaign.id] ?? 0) >= campaign.dailyQuota) {
      outcome.skipped.quota_reached++;
      continue;
    }
    const place = placeOf(proposal, agents, teams);
    if (place.kind === 'none') {
      outcome.skipped[place.reason]++;
      // A subscriber proposed by two campaigns is one unassigned call, not two.
      if (place.reason === 'no_capacity' && !unassigned.has(proposal.subscriberId)) {
        unassigned.add(proposal.subscriberId);
        count(outcome.unassignedByTeam, proposal.teamId ?? 'none');
      }
      continue;
    }
    const { channel, purpose } = contactOf(proposal.score.action);
    const at = place.timeline.timeOf(place.slot);
    const verdict = policyVerdict(problem, proposal.subscriberId, proposal.permissions, {
      at,
      channel,
      purpose,
      carriesOffer: proposal.score.offerCode !== null,
      // Campaign members were drawn by segment rules over the churn scores.
      basedOnProfiling: true,
      excludeAttemptId: null,
    });
    if (!verdict.allowed) {
      refuse(verdict.refusals);
      continue;
    }
    place.timeline.take(place.slot);
    if (place.team) place.team.used++;
    if (place.kind === 'owner') {
      place.agent.outcome.assigned++;
      if (proposal.retry) place.agent.outcome.retries++;
    } else {
      count(outcome.overflowByTeam, proposal.teamId ?? 'none');
    }
    const reasons = [...proposal.score.reasons, campaignReason(campaign.id, campaign.name)];
    if (proposal.retry) {
      reasons.push(retryReason(proposal.retry.attempt, problem.retry.maxAttempts, proposal.retry.previousAt));
    }
    if (place.kind === 'team') reasons.push(overflowReason(proposal.ownerUserId));
    chosen({
      subscriberId: proposal.subscriberId,
      kind: proposal.score.action,
      action: proposal.score.action,
      source: proposal.retry ? 'retry' : 'campaign',
      campaignId: campaign.id,
      offerCode: proposal.score.offerCode,
      expectedValueFen: Math.round(proposal.score.expectedValueFen),
      priority: proposal.score.expectedValueFen,
      reasons,
      ownerUserId: place.kind === 'owner' ? place.agent.duty.agentUserId : null,
      teamId: proposal.teamId,
      dueAt: at,
      attempts: proposal.priorCalls,
      lastAttemptAt: proposal.lastAttemptAt,
      channel,
      purpose,
    });
  }
  return outcome;
}

function allSkips(pool: ProposalPool): Record<SkipReason, number> {
  const from = (reason: SkipReason) => pool.skipped[reason] ?? 0;
  return {
    holdout: from('holdout'),
    attempts_exhausted: from('attempts_exhausted'),
    retry_later: from('retry_later'),
    callback_later: from('callback_later'),
    no_action: from('no_action'),
    already_planned: from('already_planned'),
    quota_reached: from('quota_reached'),
    no_capacity: from('no_capacity'),
    no_retry_slot: from('no_retry_slot'),
    no_agent: from('no_agent'),
    policy: from('policy'),
  };
}

/** Each team on duty pools its agents' remaining capacity, less unowned work already queued. */
function buildTeams(problem: PlanProblem): Map<number, TeamState> {
  const byTeam = new Map<number, AgentOnDuty[]>();
  for (const agent of problem.agents) {
    if (agent.teamId === null) continue;
    const members = byTeam.get(agent.teamId) ?? [];
    members.push(agent);
    byTeam.set(agent.teamId, members);
  }
  const teams = new Map<number, TeamState>();
  for (const [teamId, members] of byTeam) {
    const capacity = members.reduce((sum, m) => sum + m.capacity, 0);
    const limit = Math.max(0, capacity - (problem.teamQueued.get(teamId) ?? 0));
    const start = new Date(Math.min(...members.map((m) => m.windowStart.getTime())));
    const end = new Date(Math.max(...members.map((m) => m.windowEnd.getTime())));
    teams.set(teamId, {
      timeline: new Timeline(start, end, limit, problem.retry, problem.timeZone),
      limit,
      used: 0,
    });
  }
  return teams;
}

type Place =
  | { kind: 'owner'; agent: AgentState; team: TeamState | undefined; timeline: Timeline; slot: number }
  | { kind: 'team'; team: TeamState; timeline: Timeline; slot: number }
  | { kind: 'none'; reason: 'no_capacity' | 'no_retry_slot' | 'no_agent' };

function freeSlot(timeline: Timeline, proposal: Proposal): number {
  return proposal.retry
    ? timeline.firstFreeRetrySlot(proposal.retry.notBefore, proposal.retry.avoidDaypart)
    : timeline.firstFreeSlot();
}

/** The book owner while they have a slot (and their team still has room), else the team's pool. */
function placeOf(proposal: Proposal, agents: Map<number, AgentState>, teams: Map<number, TeamState>): Place {
  const team = proposal.teamId === null ? undefined : teams.get(proposal.teamId);
  const teamHasRoom = !team || team.used < team.limit;
  const agent = proposal.ownerUserId === null ? undefined : agents.get(proposal.ownerUserId);
  let slotsButWrongTime = false;
  if (agent && teamHasRoom && agent.timeline.free > 0) {
    const slot = freeSlot(agent.timeline, proposal);
    if (slot !== -1) return { kind: 'owner', agent, team, timeline: agent.timeline, slot };
    slotsButWrongTime = true;
  }
  if (team && teamHasRoom) {
    const slot = freeSlot(team.timeline, proposal);
    if (slot !== -1) return { kind: 'team', team, timeline: team.timeline, slot };
    slotsButWrongTime = true;
  }
  if (!agent && !team && proposal.ownerUserId === null && proposal.teamId === null) {
    return { kind: 'none', reason: 'no_agent' };
  }
  return { kind: 'none', reason: slotsButWrongTime && proposal.retry ? 'no_retry_slot' : 'no_capacity' };
}

type Proposed = {
  at: Date;
  channel: ContactChannel;
  purpose: ContactPurpose;
  carriesOffer: boolean;
  basedOnProfiling: boolean;
  /** A callback is the same conversation as the attempt that set it up: that one is not counted again. */
  excludeAttemptId: number | null;
};

function policyVerdict(
  problem: PlanProblem,
  subscriberId: number,
  permissions: ContactPermissions,
  proposed: Proposed,
) {
  const all = problem.history.get(subscriberId) ?? [];
  const history: readonly PastContact[] =
    proposed.excludeAttemptId === null ? all : all.filter((h) => h.attemptId !== proposed.excludeAttemptId);
  return checkContact(proposed, permissions, history, problem.policy);
}

function callbackTask(callback: PlanCallback, problem: PlanProblem): PlannedTask {
  const { channel, purpose } = contactOf(callback.action);
  const campaign = callback.campaignId === null ? undefined : problem.campaigns.get(callback.campaignId);
  const reasons = [callbackReason(callback.at, callback.attemptId)];
  if (campaign) reasons.push(campaignReason(campaign.id, campaign.name));
  return {
    subscriberId: callback.subscriberId,
    kind: 'callback',
    action: callback.action === 'no_action' ? 'care_call' : callback.action,
    source: 'callback',
    campaignId: callback.campaignId,
    offerCode: null,
    expectedValueFen: null,
    priority: CALLBACK_PRIORITY,
    reasons,
    ownerUserId: callback.agentUserId,
    teamId: callback.teamId,
    dueAt: callback.at,
    attempts: 0,
    lastAttemptAt: null,
    channel,
    purpose,
  };
}
