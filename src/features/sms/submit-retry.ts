/**
 * command_status values that no retry can cure: the message or its addresses are wrong. Anything
 * else (throttling, a full queue, a system error, no answer) may pass on a later try.
 */
const PERMANENT_STATUSES = new Set([
  0x01, // ESME_RINVMSGLEN
  0x0a, // ESME_RINVSRCADR
  0x0b, // ESME_RINVDSTADR
  0x43, // ESME_RINVESMCLASS
  0x48, // ESME_RINVSRCTON
  0x49, // ESME_RINVSRCNPI
  0x50, // ESME_RINVDSTTON
  0x51, // ESME_RINVDSTNPI
  0x101, // ESME_RPROHIBITED
  0x104, // ESME_RINVDCS
]);

const MAX_BACKOFF_MS = 6 * 3_600_000;

export type AfterFailure = { kind: 'retry'; notBefore: Date } | { kind: 'failed' };

/**
 * What happens to a message the SMSC did not accept: tried again after a delay that doubles with
 * every attempt (capped at six hours) until `maxAttempts` tries are spent, or failed at once when
 * the SMSC's answer says no retry can succeed.
 */
export function afterSubmitFailure(failure: {
  status: number | null;
  attempts: number;
  maxAttempts: number;
  retryBaseMs: number;
  now: Date;
}): AfterFailure {
  if (failure.status !== null && PERMANENT_STATUSES.has(failure.status)) return { kind: 'failed' };
  if (failure.attempts >= failure.maxAttempts) return { kind: 'failed' };
  const delay = Math.min(failure.retryBaseMs * 2 ** Math.max(failure.attempts - 1, 0), MAX_BACKOFF_MS);
  return { kind: 'retry', notBefore: new Date(failure.now.getTime() + delay) };
}
