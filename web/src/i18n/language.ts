export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_STORAGE_KEY = 'vipdesk.lang';

/** Any Chinese variant (zh, zh-CN, zh-TW, zh-Hans-…) maps to zh-CN; everything else to English. */
export function toSupportedLanguage(code: string | undefined | null): Language {
  if (!code) return 'zh-CN';
  return code.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
