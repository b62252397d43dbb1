import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toSupportedLanguage } from '../i18n/language';

const theme = {
  token: { colorPrimary: '#1f5fbf', borderRadius: 6 },
  components: { Layout: { headerBg: '#ffffff', siderBg: '#0f2747' } },
};

/** antd theme and locale (and dayjs's) following the i18n language. */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = toSupportedLanguage(i18n.resolvedLanguage ?? i18n.language);
  // Set during render (idempotent) so children format dates in the new language on the same pass.
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}
