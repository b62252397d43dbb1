import {
  BRANDS,
  COMPLAINT_STATUSES,
  CONTRACT_KINDS,
  CONTRACT_STATUSES,
  GENDERS,
  SCENE_TAGS,
  SUBSCRIBER_STATUSES,
  VIP_LEVELS,
} from '#src/db/schema/enums';
import { isMsisdn } from '#src/lib/msisdn';
import { choiceOf, Invalid } from './field-rules';

// The vocabularies of docs/data-formats.md, with the Chinese names operators' systems export.
export const parseBrand = choiceOf(BRANDS, { 全球通: 'gotone', 动感地带: 'mzone', 神州行: 'easyown' });
export const parseGender = choiceOf(GENDERS, { 男: 'M', 女: 'F' });
export const parseSubscriberStatus = choiceOf(SUBSCRIBER_STATUSES);
export const parseVipLevel = choiceOf(VIP_LEVELS);
export const parseContractKind = choiceOf(CONTRACT_KINDS);
export const parseContractStatus = choiceOf(CONTRACT_STATUSES);
export const parseComplaintStatus = choiceOf(COMPLAINT_STATUSES);

const NOT_A_MSISDN = new Invalid('is not an 11-digit mobile number starting 13–19');
const NOT_AN_ID_NUMBER = new Invalid('is not an 18-character resident ID (17 digits, then a digit or X)');
const ID_NUMBER = /^\d{17}[\dX]$/;
const KNOWN_SCENE_TAGS: ReadonlySet<string> = new Set(SCENE_TAGS);

export function parseMsisdn(text: string): string | Invalid {
  return isMsisdn(text) ? text : NOT_A_MSISDN;
}

/** Stored with an upper-case X, however it was typed. */
export function parseIdNumber(text: string): string | Invalid {
  const upper = text.toUpperCase();
  return ID_NUMBER.test(upper) ? upper : NOT_AN_ID_NUMBER;
}

/** `family;student` → ['family', 'student']: known tags only, each once, empty pieces ignored. */
export function parseSceneTags(text: string): string[] | Invalid {
  const tags: string[] = [];
  for (const piece of text.split(';')) {
    const tag = piece.trim().toLowerCase();
    if (tag === '') continue;
    if (!KNOWN_SCENE_TAGS.has(tag)) {
      return new Invalid(`has unknown scene tag '${tag}'; the tags are ${SCENE_TAGS.join(', ')}`);
    }
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}
