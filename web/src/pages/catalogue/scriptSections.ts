import type { TFunction } from 'i18next';
import type { LintFinding, ScriptLanguage, ScriptLocale } from '../../api/types-supervision';

/** The sections a phone manager reads in order; objections are answered when they come up. */
export const TEXT_SECTIONS = ['opening', 'purpose', 'disclosure', 'closing'] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];

export function emptyLanguage(): ScriptLanguage {
  return { opening: '', purpose: '', disclosure: '', objections: [], closing: '' };
}

/** The path the lint and the server use for a section: `zh-CN.opening`, `en.objections.2.response`. */
export function sectionPath(locale: ScriptLocale, section: TextSection | { objection: number }): string {
  return typeof section === 'string'
    ? `${locale}.${section}`
    : `${locale}.objections.${section.objection}.response`;
}

export function findingsIn(findings: readonly LintFinding[], path: string): LintFinding[] {
  return findings.filter((finding) => finding.section === path);
}

/** "中文 · 开场白", "English · Objection 2 (price)" for a section path (titles too). */
export function sectionLabel(t: TFunction, path: string, language: ScriptLanguage | undefined): string {
  if (path === 'titleZh' || path === 'titleEn') return t(`scripts.sections.${path}`);
  const [locale = '', section = '', index = ''] = path.split('.');
  const lang = t(`scripts.languages.${locale}`, { defaultValue: locale });
  if (section === 'objections') {
    const trigger = language?.objections[Number(index)]?.trigger ?? '';
    return `${lang} · ${t('scripts.sections.objection', {
      n: Number(index) + 1,
      trigger: trigger ? t(`scripts.triggers.${trigger}`, { defaultValue: trigger }) : '—',
    })}`;
  }
  return `${lang} · ${t(`scripts.sections.${section}`, { defaultValue: section })}`;
}
