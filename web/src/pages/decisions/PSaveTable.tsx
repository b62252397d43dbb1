import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { fetchPSave, svKeys } from '../../api/supervision';
import type { PSaveTable as PSaveData } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber, formatPercent } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

type Row = PSaveData['rows'][number];

/** P(save) per action and tier: the prior, what outcomes say, and the estimate the decisions use. */
export function PSaveTable() {
  const { t } = useTranslation();
  const table = useQuery({ queryKey: svKeys.pSave, queryFn: fetchPSave });
  const columns: ColumnsType<Row> = [
    { key: 'action', title: t('decisions.pSave.action'), render: (_, r) => t(`plan.actions.${r.action}`) },
    { key: 'tier', title: t('decisions.pSave.tier'), render: (_, r) => codeLabel(t, 'tier', r.tier) },
    {
      key: 'prior',
      title: t('decisions.pSave.prior'),
      align: 'right',
      render: (_, r) => formatPercent(r.prior),
    },
    {
      key: 'observed',
      title: t('decisions.pSave.observed'),
      align: 'right',
      render: (_, r) =>
        r.trials > 0
          ? `${formatPercent(r.saves / r.trials)} (${formatNumber(r.saves)}/${formatNumber(r.trials)})`
          : '—',
    },
    {
      key: 'trials',
      title: t('decisions.pSave.trials'),
      align: 'right',
      render: (_, r) => formatNumber(r.trials),
    },
    {
      key: 'estimate',
      title: t('decisions.pSave.estimate'),
      align: 'right',
      render: (_, r) => {
        const delta = r.estimate - r.prior;
        const icon =
          Math.abs(delta) < 0.0005 ? null : delta > 0 ? (
            <ArrowUpOutlined style={{ color: '#389e0d' }} />
          ) : (
            <ArrowDownOutlined style={{ color: '#cf1322' }} />
          );
        return (
          <strong>
            {formatPercent(r.estimate)} {icon}
          </strong>
        );
      },
    },
  ];
  const data = table.data;
  return (
    <Card title={t('decisions.pSave.title')} data-testid="p-save-table">
      {table.isError && <ErrorAlert error={table.error} onRetry={() => void table.refetch()} />}
      {data && (
        <Typography.Paragraph type="secondary">
          {t('decisions.pSave.basis', {
            version: data.settingsVersion,
            run: data.runId ?? '—',
            strength: data.priorStrength,
            days: data.lookbackDays,
          })}
        </Typography.Paragraph>
      )}
      <Table<Row>
        rowKey={(r) => `${r.action}:${r.tier}`}
        size="small"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={table.isPending}
        pagination={false}
        locale={{ emptyText: t('decisions.pSave.empty') }}
      />
    </Card>
  );
}
