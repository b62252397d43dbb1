/** How a text travels: GSM 7-bit when every character is in GSM 03.38, otherwise UCS-2 (Chinese). */
export type SmsEncoding = 'gsm7' | 'ucs2';

export type SmsSize = {
  encoding: SmsEncoding;
  /** Septets for GSM 7-bit (extension characters count two), UTF-16 code units for UCS-2. */
  units: number;
  /** Parts the handset receives; what the operator bills. */
  segments: number;
};

// GSM 03.38 default alphabet and its extension table (each extension character costs an escape too).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

/** One part holds 160 septets or 70 UCS-2 units; concatenated parts lose 7 septets / 3 units to the header. */
const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

export function smsSize(text: string): SmsSize {
  const septets = gsmSeptets(text);
  const encoding: SmsEncoding = septets === null ? 'ucs2' : 'gsm7';
  const units = septets ?? text.length;
  const limit = LIMITS[encoding];
  const segments = units <= limit.single ? 1 : Math.ceil(units / limit.part);
  return { encoding, units, segments };
}

/** Septets the text needs in GSM 7-bit, or null when a character is outside the alphabet. */
function gsmSeptets(text: string): number | null {
  let septets = 0;
  for (const char of text) {
    if (basic.has(char)) septets += 1;
    else if (extension.has(char)) septets += 2;
    else return null;
  }
  return septets;
}
