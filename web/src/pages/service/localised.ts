import type { LocalisedText } from '../../api/types-service';

/** The text in the console's language: zh-CN for Chinese, English otherwise. */
export function localised(text: LocalisedText | string | null | undefined, language: string): string {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return language.startsWith('zh') ? text['zh-CN'] : text.en;
}
