import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubscriberList, SubscriberListItem } from '../../api/types';
import { CodeTag, CodeTags } from '../../components/CodeTags';
import { formatPercent, RISK_COLORS, TIER_COLORS } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

type Props = {
  data: SubscriberList | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onOpen: ((id: number) => void) | null;
};

export function SubscriberTable({ data, loading, page, pageSize, onPage, onOpen }: Props) {
  const { t } = useTranslation();
  const dash = <Typography.Text type="secondary">{t('subscribers.notScored')}</Typography.Text>;
  const columns: ColumnsType<SubscriberListItem> = [
    {
      key: 'msisdn',
      title: t('subscribers.columns.msisdn'),
      render: (_, row) => <Typography.Text code>{row.msisdnMasked}</Typography.Text>,
      width: 140,
    },
    { key: 'name', title: t('subscribers.columns.name'), dataIndex: 'name' },
    { key: 'city', title: t('subscribers.columns.city'), dataIndex: 'city', responsive: ['md'] },
    {
      key: 'vipLevel',
      title: t('subscribers.columns.vipLevel'),
      render: (_, row) => codeLabel(t, 'vipLevel', row.vipLevel),
      responsive: ['md'],
    },
    {
      key: 'tier',
      title: t('subscribers.columns.tier'),
      render: (_, row) =>
        row.score ? <CodeTag group="tier" code={row.score.tier} color={TIER_COLORS[row.score.tier]} /> : dash,
    },
    {
      key: 'riskBand',
      title: t('subscribers.columns.riskBand'),
      render: (_, row) =>
        row.score ? (
          <CodeTag group="riskBand" code={row.score.riskBand} color={RISK_COLORS[row.score.riskBand]} />
        ) : (
          dash
        ),
    },
    {
      key: 'probability',
      title: t('subscribers.columns.probability'),
      align: 'right',
      render: (_, row) => (row.score ? formatPercent(row.score.probability) : '—'),
    },
    {
      key: 'signals',
      title: t('subscribers.columns.signals'),
      render: (_, row) => <CodeTags group="signal" codes={row.score?.signalCodes ?? []} color="volcano" />,
      responsive: ['lg'],
    },
    {
      key: 'owner',
      title: t('subscribers.columns.owner'),
      render: (_, row) =>
        row.ownerName ?? <Typography.Text type="secondary">{t('subscribers.unassigned')}</Typography.Text>,
      responsive: ['md'],
    },
  ];

  const total = data?.total ?? 0;
  return (
    <Table<SubscriberListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={loading}
      locale={{ emptyText: t('subscribers.empty') }}
      rowClassName={onOpen ? 'vd-clickable-row' : undefined}
      onRow={(row) =>
        ({
          'data-testid': `subscriber-row-${row.id}`,
          onClick: onOpen ? () => onOpen(row.id) : undefined,
        }) as HTMLAttributes<HTMLElement>
      }
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (count) =>
          data?.totalCapped
            ? t('common.totalCapped', { total: count })
            : t('common.totalItems', { total: count }),
        onChange: onPage,
      }}
    />
  );
}
