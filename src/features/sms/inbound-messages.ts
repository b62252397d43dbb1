import { isMsisdn } from '#src/lib/msisdn';

/** What a delivery receipt says about a message we submitted. */
export type ReceiptOutcome = 'delivered' | 'failed' | 'pending';

export type DeliveryReceipt = {
  messageId: string;
  /** The SMSC's final state word (DELIVRD, UNDELIV, …) or the message_state TLV's name. */
  stat: string;
  outcome: ReceiptOutcome;
  /** The network error code, when the receipt has one. */
  err: string | null;
};

const FINAL_STATS: Record<string, ReceiptOutcome> = {
  DELIVRD: 'delivered',
  EXPIRED: 'failed',
  DELETED: 'failed',
  UNDELIV: 'failed',
  REJECTD: 'failed',
  ACCEPTD: 'pending',
  ENROUTE: 'pending',
  UNKNOWN: 'pending',
};

// SMPP 5.0 message_state values, used when the SMSC sends TLVs instead of (or beside) the text.
const MESSAGE_STATES: Record<number, string> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

/**
 * Reads a delivery receipt: the de-facto text `id:… sub:… dlvrd:… submit date:… done date:…
 * stat:DELIVRD err:000 text:…` (SMPP 3.4 appendix B), with the receipted_message_id and
 * message_state TLVs taking precedence when present. Null when it names no message or no state.
 */
export function parseDeliveryReceipt(input: {
  text: string;
  receiptedMessageId?: string | undefined;
  messageState?: number | undefined;
}): DeliveryReceipt | null {
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S+)`, 'i').exec(input.text)?.[1] ?? null;
  const messageId = input.receiptedMessageId?.trim() || field('id');
  const stat = (
    (input.messageState !== undefined ? MESSAGE_STATES[input.messageState] : undefined) ??
    field('stat') ??
    ''
  ).toUpperCase();
  if (!messageId || !stat) return null;
  return { messageId, stat, outcome: FINAL_STATS[stat] ?? 'pending', err: field('err') };
}

/**
 * The forms one SMSC message id takes: some SMSCs answer submit_sm in hexadecimal and write the
 * receipt in decimal (or the other way round), so a receipt is matched against both.
 */
export function messageIdForms(id: string): string[] {
  const forms = new Set([id, id.toLowerCase(), id.toUpperCase()]);
  if (/^\d{1,30}$/.test(id)) {
    const hex = BigInt(id).toString(16);
    forms.add(hex);
    forms.add(hex.toUpperCase());
  }
  if (/^[0-9a-f]{1,24}$/i.test(id)) forms.add(BigInt(`0x${id}`).toString(10));
  return [...forms];
}

/**
 * The 1–5 score in a survey reply: one digit, ASCII or full-width (１–５, typed by Chinese
 * input methods), with surrounding spaces or a closing full stop. Anything else is not a score.
 */
export function parseSurveyScore(text: string): number | null {
  const normalised = text
    .normalize('NFKC')
    .trim()
    .replace(/[.。!！]$/u, '')
    .trim();
  return /^[1-5]$/.test(normalised) ? Number(normalised) : null;
}

/** The subscriber's 11-digit number from an SMSC source address (+86, 0086 and 86 prefixes). */
export function nationalMsisdn(address: string): string | null {
  const digits = address.replace(/[\s+-]/g, '');
  const national = digits.replace(/^(0086|86)(?=1[3-9]\d{9}$)/, '');
  return isMsisdn(national) ? national : null;
}
