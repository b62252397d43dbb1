import { maskIdNumber, maskMsisdn } from './msisdn';

// Digits not part of a longer number: an 11-digit MSISDN or an 18-character resident ID number
// (17 digits and a digit or X) found anywhere in free text.
const MSISDN_IN_TEXT = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const ID_NUMBER_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;

/** Masks MSISDNs and ID numbers inside any text (URLs, messages) before it is logged or echoed. */
export function redactPersonalData(text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, maskIdNumber).replace(MSISDN_IN_TEXT, maskMsisdn);
}
