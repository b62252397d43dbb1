import type { Database } from '#src/db/client';
import { recordRevisitSmsReply } from '#src/features/tickets/revisits/revisits.service';
import { type DeliveryReceipt, messageIdForms, nationalMsisdn, parseSurveyScore } from './inbound-messages';
import {
  findSubscriberIdByMsisdn,
  markSmsAttemptReached,
  recordSatisfaction,
} from './sms-contacts.repository';
import { findLatestSurveyedContact, settleSubmitted } from './sms-outbox.repository';

export type ReceiptResult = 'delivered' | 'failed' | 'pending' | 'unknown_message';

/**
 * A delivery receipt settles the submitted message it names: delivered (and its contact attempt
 * reached) or failed with the SMSC's state and error. Intermediate states change nothing.
 */
export async function recordDeliveryReceipt(
  db: Database,
  receipt: DeliveryReceipt,
  at: Date,
): Promise<ReceiptResult> {
  const { outcome } = receipt;
  if (outcome === 'pending') return 'pending';
  return db.transaction(async (tx) => {
    const error =
      outcome === 'failed' ? `stat:${receipt.stat}${receipt.err ? ` err:${receipt.err}` : ''}` : null;
    const settled = await settleSubmitted(tx, messageIdForms(receipt.messageId), {
      status: outcome,
      at,
      error,
    });
    if (settled.length === 0) return 'unknown_message';
    if (outcome === 'delivered') {
      for (const key of settled) await markSmsAttemptReached(tx, key, at);
    }
    return outcome;
  });
}

/** A reply later than this after the survey is not taken as its answer. */
const SURVEY_REPLY_DAYS = 7;
const DAY_MS = 86_400_000;

export type ReplyResult = 'recorded' | 'not_a_score' | 'unknown_sender' | 'no_survey' | 'already_answered';

/**
 * A mobile-originated reply: from a subscriber's number, a body of one digit 1–5 (full-width too)
 * is their rating of what their latest survey asked about. A ticket's satisfaction revisit takes
 * the score as its answer (and may reopen the ticket; a second reply changes nothing there); a
 * call survey rates its contact, where a later reply replaces an earlier one (people correct a
 * slip of the thumb). Surveys older than a week take no answers.
 */
export async function recordSurveyReply(
  db: Database,
  sourceAddr: string,
  text: string,
  at: Date,
): Promise<ReplyResult> {
  const score = parseSurveyScore(text);
  if (score === null) return 'not_a_score';
  const msisdn = nationalMsisdn(sourceAddr);
  const subscriberId = msisdn ? await findSubscriberIdByMsisdn(db, msisdn) : null;
  if (subscriberId === null) return 'unknown_sender';
  const revisit = await recordRevisitSmsReply(db, subscriberId, score, at);
  if (revisit !== 'not_a_revisit') return revisit;
  const sentAfter = new Date(at.getTime() - SURVEY_REPLY_DAYS * DAY_MS);
  const contactId = await findLatestSurveyedContact(db, subscriberId, sentAfter);
  if (contactId === null) return 'no_survey';
  await recordSatisfaction(db, subscriberId, contactId, score);
  return 'recorded';
}
