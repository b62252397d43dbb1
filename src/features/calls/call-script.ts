import type { Database } from '#src/db/client';
import type { Locale } from '#src/features/scoring/scores/scores.schemas';
import { scriptHintText } from '#src/features/scripts/script-hints';
import { scriptForCall } from '#src/features/scripts/scripts.service';
import type { AgentTags } from '#src/features/subscribers/agent-tags';
import { AppError } from '#src/lib/app-error';
import { formatFenAsYuan } from '#src/lib/money';
import type { CallOffer } from './call-offers';
import { type CallSubject, scriptCodeFor } from './call-rules';

export type CallScriptInput = {
  subject: CallSubject & { campaignScriptCode: string | null };
  subscriber: { name: string; gender: string | null; planName: string };
  agentName: string;
  operator: { name: string; serviceNumber: string };
  tags: AgentTags;
  signalCodes: readonly string[];
  segments: readonly string[];
  /** Key moments rendered in the reader's language: the first is the call's occasion. */
  keyMomentTexts: readonly string[];
  /** The offer to present: the task's own, else the cheapest eligible one. */
  offer: CallOffer | null;
  /** The monthly saving the plan optimiser found, in fen, if any. */
  savingFen: number | null;
};

/**
 * How the script addresses the subscriber: surname and honorific in Chinese (王先生 / 王女士), as
 * service calls do; the full name in English or when the gender is unknown.
 */
export function addressOf(subscriber: { name: string; gender: string | null }, locale: Locale): string {
  const surname = [...subscriber.name][0] ?? '';
  if (locale === 'zh-CN') {
    if (subscriber.gender === 'F') return `${surname}女士`;
    if (subscriber.gender === 'M') return `${surname}先生`;
  }
  return subscriber.name;
}

/**
 * The call's script from the scripts part, adapted to the agent's tags and the subscriber's
 * sensitivity segments, placeholders filled from the call. Null when the call has no script, or
 * the chosen script is not in the library.
 */
export async function callScript(db: Database, input: CallScriptInput, locale: Locale) {
  const code = scriptCodeFor(input.subject, {
    signalCodes: input.signalCodes,
    hasKeyMoment: input.keyMomentTexts.length > 0,
  });
  if (!code) return null;
  const offer = input.offer;
  try {
    const script = await scriptForCall(db, code, {
      tags: input.tags,
      locale,
      segments: input.segments,
      variables: {
        subscriberName: addressOf(input.subscriber, locale),
        agentName: input.agentName,
        operatorName: input.operator.name,
        serviceNumber: input.operator.serviceNumber,
        planName: input.subscriber.planName,
        offerName: offer?.name ?? null,
        offerFeeYuan: offer?.targetPlanFeeFen ? formatFenAsYuan(offer.targetPlanFeeFen) : null,
        offerValidUntil: offer?.validTo ?? null,
        savingYuan: input.savingFen !== null && input.savingFen > 0 ? formatFenAsYuan(input.savingFen) : null,
        occasion: input.keyMomentTexts[0] ?? null,
      },
    });
    return {
      ...script,
      hints: script.hints.map((hint) => ({ ...hint, text: scriptHintText(hint, locale) })),
    };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}
