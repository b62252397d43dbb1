import type { PDU, PduFields } from 'smpp';
import type { SmsConfig } from '#src/config/config';
import type { DbHandle } from '#src/db/client';
import {
  type ContactPolicySettings,
  DEFAULT_CONTACT_POLICY,
} from '#src/features/contact-policy/contact-policy-settings';
import { maskMsisdn } from '#src/lib/msisdn';
import { parseDeliveryReceipt } from './inbound-messages';
import { decideSms, historySpan, type SmsDecision } from './sms-contact-decision';
import { deleteSmsAttempt, findContactHistory, findRecipients } from './sms-contacts.repository';
import { recordDeliveryReceipt, recordSurveyReply } from './sms-inbound.service';
import {
  type ClaimedSms,
  claimDueMessages,
  markFailed,
  markRefused,
  markRetry,
  markSubmitted,
  releaseUnsent,
} from './sms-outbox.repository';
import { smsSize } from './sms-segments';
import { TICKET_REVISIT_TEMPLATE_CODE } from './sms-templates-seed';
import {
  DEFAULT_SMSC_TIMING,
  openSmscLink,
  type SmscLink,
  type SmscTiming,
  type SmsLogger,
  type SubmitOutcome,
} from './smsc-link';
import { afterSubmitFailure } from './submit-retry';

export type SmsSenderOptions = {
  handle: DbHandle;
  config: SmsConfig;
  logger: SmsLogger;
  /** The contact policy in force (checked again just before sending). */
  policy?: ContactPolicySettings;
  /** The sender's clock for due times, quiet hours and backoff; tests move it. */
  clock?: () => Date;
  /** Connection timings; tests shorten them. */
  timing?: Partial<SmscTiming>;
  /** false: no timer, only flushOnce() sends (tests). */
  poll?: boolean;
};

export type FlushReport = {
  submitted: number;
  retried: number;
  failed: number;
  /** Stopped by the contact policy at send time (consent withdrawn, caps reached meanwhile, …). */
  refused: number;
  /** Put back until the SMS window opens. */
  deferred: number;
  /** Why nothing was tried: no SMSC configured, or not bound to it right now. */
  skipped: 'smsc not configured' | 'smsc not bound' | null;
};

export type SmsSender = {
  /** One sending pass: every due message, batch by batch, until none is left. */
  flushOnce(): Promise<FlushReport>;
  isBound(): boolean;
  stop(): Promise<void>;
};

/** A claimed message is due again after this if its sender dies mid-pass. */
const LEASE_MS = 5 * 60_000;
const ESM_DELIVERY_RECEIPT = 0x04;
const ESM_INTERMEDIATE_NOTIFICATION = 0x20;
const DATA_CODING = { gsm7: 0x00, ucs2: 0x08 } as const;

/**
 * The outbox's sender: binds to the SMSC as a transceiver, sends due messages at the configured
 * rate with delivery receipts requested, retries what the SMSC did not take, and records what comes
 * back (receipts → delivered/failed; a 1–5 reply → the surveyed contact's satisfaction). Without
 * an SMSC it sends nothing and drops nothing: messages wait in the outbox.
 */
export function startSmsSender(options: SmsSenderOptions): SmsSender {
  const { handle, config, logger } = options;
  const policy = options.policy ?? DEFAULT_CONTACT_POLICY;
  const clock = options.clock ?? (() => new Date());
  const timing = { ...DEFAULT_SMSC_TIMING, ...options.timing };
  const pace = paceOf(config.ratePerSecond);

  const handleDeliver = async (pdu: PDU): Promise<void> => {
    const text = messageText(pdu);
    const esm = pdu.esm_class ?? 0;
    if (esm & (ESM_DELIVERY_RECEIPT | ESM_INTERMEDIATE_NOTIFICATION)) {
      const receipt = parseDeliveryReceipt({
        text,
        receiptedMessageId: pdu.receipted_message_id,
        messageState: pdu.message_state,
      });
      if (!receipt) {
        logger.warn({ esmClass: esm }, 'delivery receipt without message id or state ignored');
        return;
      }
      const result = await recordDeliveryReceipt(handle.db, receipt, clock());
      if (result === 'unknown_message') {
        logger.warn(
          { messageId: receipt.messageId, stat: receipt.stat },
          'receipt for an unknown message ignored',
        );
      }
      return;
    }
    const result = await recordSurveyReply(handle.db, pdu.source_addr ?? '', text, clock());
    if (result !== 'recorded') {
      logger.info({ result, from: maskMsisdn(pdu.source_addr ?? '') }, 'inbound SMS ignored');
    }
  };

  const link: SmscLink | null = config.smsc
    ? openSmscLink({ smsc: config.smsc, logger, timing, onDeliver: handleDeliver })
    : null;
  if (!link)
    logger.warn({}, 'smsc not configured: SMS stay queued in the outbox until VIPDESK_SMSC_URL is set');

  const send = (active: SmscLink, message: ClaimedSms, report: FlushReport): Promise<void> =>
    active.submit(submitFields(message, config.sourceAddr), (outcome) => record(message, outcome, report));

  /** Writes what became of a submit: submitted with its SMSC id, queued again for a retry, or failed. */
  const record = async (message: ClaimedSms, outcome: SubmitOutcome, report: FlushReport): Promise<void> => {
    const key = { subscriberId: message.subscriberId, id: message.id };
    if (outcome.ok) {
      await markSubmitted(handle.db, key, outcome.messageId, clock());
      report.submitted += 1;
      return;
    }
    const next = afterSubmitFailure({
      status: outcome.status,
      attempts: message.attempts,
      maxAttempts: config.maxAttempts,
      retryBaseMs: config.retryBaseSeconds * 1000,
      now: clock(),
    });
    if (next.kind === 'retry') {
      await markRetry(handle.db, key, next.notBefore, outcome.error);
      report.retried += 1;
    } else {
      await markFailed(handle.db, key, outcome.error);
      report.failed += 1;
      logger.warn({ outboxId: message.id, error: outcome.error }, 'SMS failed for good');
    }
  };

  const pass = async (): Promise<FlushReport> => {
    if (!link) return emptyReport('smsc not configured');
    if (!link.isBound()) return emptyReport('smsc not bound');
    const report = emptyReport(null);
    while (link.isBound()) {
      const now = clock();
      const claimed = await claimDueMessages(handle.engine, now, config.batchSize, LEASE_MS);
      if (claimed.length === 0) break;
      const decisions = await decideAtSendTime(claimed, now);
      const sending: Promise<void>[] = [];
      for (const message of claimed) {
        const key = { subscriberId: message.subscriberId, id: message.id };
        const decision = decisions.get(message.id);
        if (!decision || decision.kind === 'refused') {
          await markRefused(handle.db, key, decision?.kind === 'refused' ? decision.refusals : []);
          await deleteSmsAttempt(handle.db, key);
          report.refused += 1;
        } else if (decision.at > now) {
          await releaseUnsent(handle.db, key, decision.at);
          report.deferred += 1;
        } else if (!link.isBound()) {
          // The SMSC went away mid-pass: not an attempt, the message waits for the reconnect.
          await releaseUnsent(handle.db, key, now);
        } else {
          await pace();
          sending.push(send(link, message, report));
        }
      }
      await Promise.all(sending);
      if (claimed.length < config.batchSize) break;
    }
    return report;
  };

  /** The policy again at send time: consent may be gone, the window closed while the SMSC was down. */
  const decideAtSendTime = async (claimed: ClaimedSms[], now: Date): Promise<Map<number, SmsDecision>> => {
    const subscriberIds = [...new Set(claimed.map((m) => m.subscriberId))];
    const [recipients, history] = await Promise.all([
      findRecipients(handle.db, subscriberIds),
      findContactHistory(handle.db, subscriberIds, historySpan(now, policy)),
    ]);
    const decisions = new Map<number, SmsDecision>();
    for (const message of claimed) {
      const recipient = recipients.get(message.subscriberId);
      if (!recipient) continue;
      const contact = {
        purpose: message.purpose === 'marketing' ? ('marketing' as const) : ('care' as const),
        carriesOffer: false,
        basedOnProfiling: message.campaignId !== null,
      };
      // A survey is the tail of the contact (or ticket) it rates: window and permissions, no caps.
      // Any other message is weighed against everything but itself.
      const isSurvey =
        message.surveyForContactId !== null || message.templateCode === TICKET_REVISIT_TEMPLATE_CODE;
      const past = isSurvey
        ? []
        : (history.get(message.subscriberId) ?? []).filter((h) => h.outboxId !== message.id);
      decisions.set(message.id, decideSms(contact, recipient.permissions, past, policy, now));
    }
    return decisions;
  };

  // Passes never overlap: a flush asked for during one runs after it.
  let queue: Promise<unknown> = Promise.resolve();
  let passRunning = false;
  const flushOnce = (): Promise<FlushReport> => {
    const next = queue.then(async () => {
      passRunning = true;
      try {
        return await pass();
      } finally {
        passRunning = false;
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };

  const timer =
    options.poll === false
      ? null
      : setInterval(() => {
          if (passRunning) return;
          flushOnce().catch((error: unknown) => logger.error({ err: error }, 'SMS sending pass failed'));
        }, config.pollSeconds * 1000);
  timer?.unref();

  return {
    flushOnce,
    isBound: () => link?.isBound() ?? false,
    stop: async () => {
      if (timer) clearInterval(timer);
      // Closing first fails submits still waiting for an answer, so the pass ends promptly.
      await link?.close();
      await queue;
    },
  };
}

/**
 * submit_sm for one message: delivery receipt requested; UCS-2 (data_coding 8) for Chinese, GSM
 * 7-bit otherwise. A message longer than one part travels whole in message_payload and the SMSC
 * splits it, so it keeps one message id and one receipt.
 */
export function submitFields(message: Pick<ClaimedSms, 'msisdn' | 'body'>, sourceAddr: string): PduFields {
  const { encoding, segments } = smsSize(message.body);
  return {
    source_addr_ton: 0,
    source_addr_npi: 0,
    source_addr: sourceAddr,
    dest_addr_ton: 0,
    dest_addr_npi: 1,
    destination_addr: message.msisdn,
    registered_delivery: 1,
    data_coding: DATA_CODING[encoding],
    ...(segments === 1 ? { short_message: message.body } : { message_payload: message.body }),
  };
}

function messageText(pdu: PDU): string {
  const part = pdu.message_payload ?? pdu.short_message;
  if (!part) return '';
  const message = Buffer.isBuffer(part) ? part : part.message;
  return typeof message === 'string' ? message : message.toString('latin1');
}

function emptyReport(skipped: FlushReport['skipped']): FlushReport {
  return { submitted: 0, retried: 0, failed: 0, refused: 0, deferred: 0, skipped };
}

/** Waits so submissions never exceed `perSecond`. */
function paceOf(perSecond: number): () => Promise<void> {
  const interval = 1000 / perSecond;
  let nextFree = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, nextFree);
    nextFree = at + interval;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
}
