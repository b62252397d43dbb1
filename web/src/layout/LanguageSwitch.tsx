import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import { type Language, toSupportedLanguage } from '../i18n/language';

const OPTIONS: { value: Language; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

/** 中文 / English; each option carries data-testid lang-<code>. */
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const value = toSupportedLanguage(i18n.resolvedLanguage ?? i18n.language);
  return (
    <Segmented<Language>
      data-testid="lang-switch"
      size="small"
      value={value}
      onChange={(next) => void setLanguage(next)}
      options={OPTIONS.map((option) => ({
        value: option.value,
        label: <span data-testid={`lang-${option.value}`}>{option.label}</span>,
      }))}
    />
  );
}
