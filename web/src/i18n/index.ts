import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { consumptionEn, consumptionZhCN } from './consumption';
import { analyticsNavEn, analyticsNavZhCN, dashboardsEn, dashboardsZhCN } from './dashboards';
import { en } from './en';
import { forecastsEn, forecastsZhCN } from './forecasts';
import { LANGUAGE_STORAGE_KEY, LANGUAGES, type Language, toSupportedLanguage } from './language';
import { serviceEn, serviceZhCN } from './service';
import { serviceReportEn, serviceReportZhCN } from './service-report';
import { supervisionEn, supervisionZhCN } from './supervision';
import { targetsEn, targetsZhCN } from './targets';
import { ticketsEn, ticketsZhCN, ticketWorkbenchEn, ticketWorkbenchZhCN } from './tickets';
import { workbenchEn, workbenchZhCN } from './workbench';
import { zhCN } from './zh-CN';

/**
 * The service desk adds task kinds and reasons to the workbench's strings: merged into its `workbench`
 * key (the workbench's own strings win) rather than replacing it.
 */
function withServiceTasks(
  workbench: typeof workbenchZhCN.workbench,
  additions: typeof ticketWorkbenchZhCN.workbench,
): typeof workbenchZhCN.workbench {
  return {
    ...workbench,
    kind: { ...additions.kind, ...workbench.kind },
    reasons: { ...additions.reasons, ...workbench.reasons },
  };
}

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    // Each area keeps its strings in its own file (top-level keys must not collide).
    resources: {
      'zh-CN': {
        translation: {
          ...zhCN,
          ...workbenchZhCN,
          ...supervisionZhCN,
          ...ticketsZhCN,
          ...serviceZhCN,
          ...dashboardsZhCN,
          ...forecastsZhCN,
          ...consumptionZhCN,
          ...targetsZhCN,
          ...serviceReportZhCN,
          workbench: withServiceTasks(workbenchZhCN.workbench, ticketWorkbenchZhCN.workbench),
          nav: { ...zhCN.nav, ...analyticsNavZhCN },
        },
      },
      en: {
        translation: {
          ...en,
          ...workbenchEn,
          ...supervisionEn,
          ...ticketsEn,
          ...serviceEn,
          ...dashboardsEn,
          ...forecastsEn,
          ...consumptionEn,
          ...targetsEn,
          ...serviceReportEn,
          workbench: withServiceTasks(workbenchEn.workbench, ticketWorkbenchEn.workbench),
          nav: { ...en.nav, ...analyticsNavEn },
        },
      },
    },
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'zh-CN',
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: [],
      convertDetectedLanguage: (lng: string) => toSupportedLanguage(lng),
    },
    returnNull: false,
  });

function syncDocumentLanguage(lng: string): void {
  document.documentElement.lang = toSupportedLanguage(lng);
}
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

/** The console's current language (always one of the supported two). */
export function currentLanguage(): Language {
  return toSupportedLanguage(i18n.resolvedLanguage ?? i18n.language);
}

/** Switch the language and remember the choice in localStorage. */
export async function setLanguage(lng: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // Storage may be unavailable (private mode); the switch still applies to this page.
  }
  await i18n.changeLanguage(lng);
}

export { i18n };
