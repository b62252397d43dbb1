import type { Database } from '#src/db/client';
import { VIP_LEVELS } from '#src/db/schema/enums';
import type { ContactPolicySettings } from '#src/features/contact-policy/contact-policy-settings';
import { tenureMonthsOn } from '#src/features/decisions/candidate-from-score';
import { planAdviceFor } from '#src/features/offers/plan-advice.service';
import { taskReasonsOf } from '#src/features/queue/task-reasons';
import type { Locale } from '#src/features/scoring/scores/scores.schemas';
import { getScore } from '#src/features/scoring/scores/scores.service';
import {
  findAgentTags,
  findNearestContract,
  findOwner,
} from '#src/features/subscribers/subscriber-360.repository';
import { findSubscriberById } from '#src/features/subscribers/subscribers.repository';
import { oneOf } from '#src/features/subscribers/subscribers.service';
import { findOfferSuppression } from '#src/features/tickets/retention-link/offer-suppression';
import { AppError, notFound } from '#src/lib/app-error';
import { daysBetween } from '#src/lib/months';
import { maskMsisdn } from '#src/lib/msisdn';
import { redactPersonalData } from '#src/lib/redact';
import { todayIn } from '#src/lib/time';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import type { Briefing } from './briefing.schemas';
import { type CallOffer, eligibleCallOffers } from './call-offers';
import { callPolicySettings, callVerdict, subjectOf } from './call-policy';
import { callScript } from './call-script';
import { findRecentAttempts, findRecentServiceContacts } from './contact-history.repository';
import { dialledAtOf, findHeldTask, type HeldTask } from './held-task.repository';
import { retentionBudgetFor } from './retention-budget';

const RECENT_CONTACTS = 5;

const NO_TAGS = {
  personality: null,
  mood: null,
  purchasePsychology: null,
  communicationStyle: null,
  consumptionHabit: null,
  complaintPsychology: null,
  updatedAt: null,
  updatedBy: null,
};

export type BriefingContext = {
  locale: Locale;
  timeZone: string;
  now: Date;
  operator: { name: string; serviceNumber: string };
  policy?: ContactPolicySettings;
};

/**
 * The call panel's briefing, for the agent holding the task's claim only: anyone else gets the
 * answer a missing task gets. Holding the claim is the permission — a team's overflow task may be
 * for a subscriber outside the agent's own book. Viewing is audited like the 360.
 */
export async function getBriefing(
  db: Database,
  actor: Actor,
  taskId: number,
  context: BriefingContext,
): Promise<Briefing> {
  const task = await findHeldTask(db, actor.userId, taskId);
  if (!task) throw notFound('Task');
  const today = todayIn(context.timeZone, context.now);
  const policy = callPolicySettings(context);
  const [
    subscriber,
    contract,
    score,
    attempts,
    serviceContacts,
    tags,
    owner,
    verdict,
    planAdvice,
    budgetFen,
    offersSuppressedBy,
  ] = await Promise.all([
    findSubscriberById(db, task.subscriberId),
    findNearestContract(db, task.subscriberId, today),
    getScore(db, task.subscriberId, context.locale).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }),
    findRecentAttempts(db, task.subscriberId, RECENT_CONTACTS),
    findRecentServiceContacts(db, task.subscriberId, RECENT_CONTACTS),
    findAgentTags(db, task.subscriberId),
    findOwner(db, task.subscriberId),
    callVerdict(db, task, policy, context.now),
    planAdviceFor(db, task.subscriberId, { today }),
    retentionBudgetFor(db, task.subscriberId, today),
    findOfferSuppression(db, task.subscriberId),
  ]);
  if (!subscriber) throw new Error(`subscriber ${task.subscriberId} of task ${task.id} vanished`);
  // Care calls sell nothing, and nobody is sold to while their ticket is being worked.
  const offers =
    verdict.purpose === 'marketing' && offersSuppressedBy === null
      ? await eligibleCallOffers(db, task, today, context.locale)
      : [];
  const agentTags = tags ?? NO_TAGS;
  const savings = planAdvice.recommendations.map((r) => -r.monthlyDifferenceFen).filter((fen) => fen > 0);
  const script = await callScript(
    db,
    {
      subject: { ...subjectOf(task), campaignScriptCode: task.campaignScriptCode },
      subscriber: { name: subscriber.name, gender: subscriber.gender, planName: subscriber.planName },
      agentName: actor.displayName,
      operator: context.operator,
      tags: agentTags,
      signalCodes: score?.signals.map((signal) => signal.code) ?? [],
      segments: score?.segments ?? [],
      keyMomentTexts: score?.keyMoments.map((moment) => moment.text) ?? [],
      offer: offerToPresent(task, offers),
      savingFen: savings.length > 0 ? Math.max(...savings) : null,
    },
    context.locale,
  );
  await auditActor(db, actor, {
    action: 'subscriber.view',
    subscriberId: task.subscriberId,
    target: 'briefing',
    details: { taskId: task.id },
  });

  const contractEnd = contract?.endDate ?? subscriber.contractEnd;
  return {
    task: {
      id: task.id,
      subscriberId: task.subscriberId,
      kind: task.kind,
      action: task.action,
      campaign:
        task.campaignId === null || task.campaignName === null || task.campaignKind === null
          ? null
          : { id: task.campaignId, name: task.campaignName, kind: task.campaignKind },
      dueAt: task.dueAt,
      attempts: task.attempts,
      claimExpiresAt: task.claimExpiresAt,
      dialledAt: dialledAtOf(task),
    },
    who: {
      name: subscriber.name,
      gender: subscriber.gender,
      msisdnMasked: maskMsisdn(subscriber.msisdn),
      city: subscriber.city,
      tier: score?.tier ?? null,
      vipLevel: oneOf(VIP_LEVELS, subscriber.vipLevel, 'vipLevel'),
      vipKind: score?.vipKind ?? null,
      plan: {
        code: subscriber.planCode,
        name: subscriber.planName,
        monthlyFeeFen: subscriber.planMonthlyFeeFen,
      },
      joinDate: subscriber.joinDate,
      tenureMonths: tenureMonthsOn(subscriber.joinDate, today),
      contract: contractEnd
        ? { kind: contract?.kind ?? null, endDate: contractEnd, daysLeft: daysBetween(today, contractEnd) }
        : null,
      sceneTags: subscriber.sceneTags,
    },
    whyNow: {
      reasons: taskReasonsOf(task.reasons),
      probability: score?.probability ?? null,
      riskBand: score?.riskBand ?? null,
      signals: score?.signals ?? [],
      keyMoments: score?.keyMoments ?? [],
    },
    recentContacts: mergeRecentContacts(attempts, serviceContacts),
    planAdvice,
    tags: agentTags,
    script,
    offers: {
      items: offers.map((offer) => ({
        ...offer,
        withinBudget: budgetFen === null ? null : offer.costFen <= budgetFen,
      })),
      budgetFen,
    },
    offersSuppressedBy,
    contactPolicy: verdict,
    can: { editTags: owner?.userId === actor.userId },
  };
}

/** The offer the script presents: the one the plan chose for this task, else the cheapest eligible. */
function offerToPresent(task: HeldTask, offers: CallOffer[]): CallOffer | null {
  return offers.find((offer) => offer.code === task.offerCode) ?? offers[0] ?? null;
}

type AttemptRow = Awaited<ReturnType<typeof findRecentAttempts>>[number];
type ServiceRow = Awaited<ReturnType<typeof findRecentServiceContacts>>[number];

/** Our call and SMS attempts and the operator's service contacts, newest first; free text masked. */
function mergeRecentContacts(attempts: AttemptRow[], service: ServiceRow[]): Briefing['recentContacts'] {
  const merged: Briefing['recentContacts'] = [
    ...attempts.map((a) => ({
      at: a.at,
      source: a.channel === 'sms' ? ('sms' as const) : ('call' as const),
      channel: a.channel,
      direction: 'outbound',
      outcome: a.disposition,
      purpose: a.purpose,
      agentName: a.agentName,
      summary: a.notes === null ? null : redactPersonalData(a.notes),
    })),
    ...service.map((s) => ({
      at: s.at,
      source: 'service' as const,
      channel: s.channel,
      direction: s.direction,
      outcome: s.type,
      purpose: null,
      agentName: s.agentName,
      summary: s.summary === null ? null : redactPersonalData(s.summary),
    })),
  ];
  return merged.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, RECENT_CONTACTS);
}
