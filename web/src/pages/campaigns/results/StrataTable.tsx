import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Stratum } from '../../../api/types-supervision';
import { formatNumber, formatPercent } from '../../../format/format';
import { codeLabel } from '../../../i18n/codes';
import { formatPoints, pointsIntervalText } from './resultFormat';
import { upliftColor } from './upliftOption';

/** Members, contacts and churn per arm within each tier × risk band stratum the holdout was drawn by. */
export function StrataTable({ strata }: { strata: Stratum[] }) {
  const { t } = useTranslation();
  const columns: ColumnsType<Stratum> = [
    { key: 'tier', title: t('campaigns.count.tier'), render: (_, s) => codeLabel(t, 'tier', s.tier) },
    {
      key: 'band',
      title: t('campaigns.results.riskBand'),
      render: (_, s) => codeLabel(t, 'riskBand', s.riskBand),
    },
    {
      key: 'treatment',
      title: t('campaigns.results.treatment'),
      children: [
        {
          key: 'tm',
          title: t('campaigns.results.members'),
          align: 'right',
          render: (_, s) => formatNumber(s.treatment.members),
        },
        {
          key: 'tc',
          title: t('campaigns.results.contacted'),
          align: 'right',
          render: (_, s) => formatNumber(s.treatment.contacted),
        },
        {
          key: 'tchurn',
          title: t('campaigns.results.churn'),
          align: 'right',
          render: (_, s) => formatPercent(s.treatment.churn.rate),
        },
      ],
    },
    {
      key: 'holdout',
      title: t('campaigns.results.holdout'),
      children: [
        {
          key: 'hm',
          title: t('campaigns.results.members'),
          align: 'right',
          render: (_, s) => formatNumber(s.holdout.members),
        },
        {
          key: 'hchurn',
          title: t('campaigns.results.churn'),
          align: 'right',
          render: (_, s) => formatPercent(s.holdout.churn.rate),
        },
      ],
    },
    {
      key: 'uplift',
      title: t('campaigns.results.saveRate'),
      align: 'right',
      render: (_, s) =>
        s.uplift ? (
          <span style={{ color: upliftColor(s.uplift.interval) }}>
            {formatPoints(t, s.uplift.difference)}
            <br />
            <small>{pointsIntervalText(t, s.uplift.interval)}</small>
          </span>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card title={t('campaigns.results.strata')} styles={{ body: { padding: 0 } }}>
      <div data-testid="result-strata">
        <Table<Stratum>
          rowKey="stratum"
          size="small"
          columns={columns}
          dataSource={strata}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('campaigns.results.noStrata') }}
        />
      </div>
    </Card>
  );
}
