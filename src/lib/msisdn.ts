/** Mainland China mobile numbers: 11 digits starting 13–19 (DOMAIN.md §1). */
export const MSISDN_PATTERN = /^1[3-9]\d{9}$/;

export function isMsisdn(value: string): boolean {
  return MSISDN_PATTERN.test(value);
}

/** 13812341234 → 138****1234, the display form for every role by default (DOMAIN.md §12). */
export function maskMsisdn(msisdn: string): string {
  if (msisdn.length < 7) return '*'.repeat(msisdn.length);
  return `${msisdn.slice(0, 3)}****${msisdn.slice(-4)}`;
}

/** Resident ID numbers keep region prefix and check digit only: 110105********123X → 110***********123X. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 7) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}
