import { Card, Empty, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignResults } from '../../../api/types-supervision';
import { EChart } from '../../../charts/EChart';
import { codeLabel } from '../../../i18n/codes';
import { type UpliftRow, upliftOption } from './upliftOption';

/** The save-rate uplift with its 95% interval, overall and per tier × risk band stratum. */
export function UpliftChart({ results }: { results: CampaignResults }) {
  const { t } = useTranslation();
  const overall = t('campaigns.results.overall');
  const unit = t('campaigns.results.pointsUnit');
  const rows = useMemo(() => {
    const out: UpliftRow[] = [];
    const total = results.saveRateUplift;
    if (total) out.push({ label: overall, difference: total.difference, ...total.interval });
    for (const stratum of results.strata) {
      if (!stratum.uplift) continue;
      out.push({
        label: `${codeLabel(t, 'tier', stratum.tier)} · ${codeLabel(t, 'riskBand', stratum.riskBand)}`,
        difference: stratum.uplift.difference,
        ...stratum.uplift.interval,
      });
    }
    return out;
  }, [results, overall, t]);
  const option = useMemo(() => upliftOption(rows, unit), [rows, unit]);

  return (
    <Card title={t('campaigns.results.upliftChart')} style={{ height: '100%' }}>
      {rows.length === 0 ? (
        <Empty description={t('campaigns.results.notEnoughData')} />
      ) : (
        <>
          <EChart option={option} height={Math.max(160, 40 + rows.length * 28)} data-testid="chart-uplift" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('campaigns.results.upliftLegend')}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
