import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallVerdict } from '../../api/types-workbench';

/** The contact-policy refusal codes as sentences (shared by the call panel and the SMS dialog). */
export function RefusalList({ refusals }: { refusals: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {refusals.map((code) => (
        <li key={code} data-testid={`refusal-${code}`}>
          {t(`workbench.refusal.${code}`, { defaultValue: code })}
        </li>
      ))}
    </ul>
  );
}

/** The contact-policy verdict for calling this subscriber now (marketing or care). */
export function PolicyAlert({ verdict }: { verdict: CallVerdict }) {
  const { t } = useTranslation();
  const purpose = t(`callPanel.policy.${verdict.purpose}`);
  return (
    <div data-testid="briefing-policy" data-allowed={verdict.allowed}>
      {verdict.allowed ? (
        <Alert type="success" showIcon title={`${t('callPanel.policy.allowed')} · ${purpose}`} />
      ) : (
        <Alert
          type="error"
          showIcon
          title={`${t('callPanel.policy.refused')} · ${purpose}`}
          description={<RefusalList refusals={verdict.refusals} />}
        />
      )}
    </div>
  );
}
