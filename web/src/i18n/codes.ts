import type { TFunction } from 'i18next';

export type CodeGroup =
  | 'tier'
  | 'tierReason'
  | 'lifecycle'
  | 'riskBand'
  | 'vipKind'
  | 'contributionClass'
  | 'segment'
  | 'signal'
  | 'keyMoment'
  | 'vipLevel'
  | 'status'
  | 'brand'
  | 'role'
  | 'gender'
  | 'sceneTag'
  | 'contractKind'
  | 'contactChannel'
  | 'contactDirection'
  | 'contactType'
  | 'ticketCategory'
  | 'ticketStatus'
  | 'auditAction'
  | 'runStatus'
  | 'runTrigger'
  | 'runStage'
  | 'tagField'
  | 'unmaskField'
  | 'revenueMix'
  | `tag.${string}`;

/** The translated label of a domain code; unknown codes show as themselves. */
export function codeLabel(t: TFunction, group: CodeGroup, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  // i18next splits keys on '.', so codes with dots (audit actions) are stored with '_'.
  return t(`codes.${group}.${code.replaceAll('.', '_')}`, { defaultValue: code });
}
