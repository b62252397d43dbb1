import type { TFunction } from 'i18next';

/** A code's name in the console's language (`codes.<group>.<code>`), or the code itself when unnamed. */
export function codeLabel(
  t: TFunction,
  group: 'tier' | 'lifecycle' | 'signal' | 'riskBand',
  code: string,
): string {
  return t(`codes.${group}.${code}`, { defaultValue: code });
}
