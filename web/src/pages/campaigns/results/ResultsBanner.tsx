import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignResults } from '../../../api/types-supervision';
import { formatDate } from '../../../format/format';
import { noteText } from './resultFormat';

const TYPE = { not_enough_data: 'warning', interim: 'info', final: 'success' } as const;

/** Says honestly how far the figures can be trusted: not enough data yet, interim, or final. */
export function ResultsBanner({ results }: { results: CampaignResults }) {
  const { t } = useTranslation();
  return (
    <div data-testid="results-status" data-status={results.status}>
      <Alert
        type={TYPE[results.status]}
        showIcon
        title={t(`campaigns.results.status.${results.status}`)}
        description={
          <>
            <div>{noteText(t, results.note)}</div>
            <div style={{ opacity: 0.75, fontSize: 12 }}>
              {t('campaigns.results.window', {
                launch: formatDate(results.launchDay),
                end: formatDate(results.windowEndsOn),
                observed: formatDate(results.observedUntil),
                asOf: formatDate(results.asOf),
              })}
            </div>
          </>
        }
      />
    </div>
  );
}
