import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchWorkOrders, serviceKeys } from '../../../api/service';
import type { WorkOrderStatus, WorkOrderSummary } from '../../../api/types-service';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../../format/format';
import { CsvButton } from '../CsvButton';
import { localised } from '../localised';
import { WorkOrderDrawer } from './WorkOrderDrawer';
import { WorkOrderStatusTag } from './WorkOrderStatusTag';

const FILTERS = ['all', 'open', 'in_progress', 'done'] as const;
type Filter = (typeof FILTERS)[number];

type WorkOrdersTabProps = { openId: number | null; onOpen: (id: number | null) => void };

/** Work orders raised from hot spots, newest first, each tracked to closure in its drawer. */
export function WorkOrdersTab({ openId, onOpen }: WorkOrdersTabProps) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const status: WorkOrderStatus | undefined = filter === 'all' ? undefined : filter;
  const list = useQuery({
    queryKey: serviceKeys.workOrders(status),
    queryFn: () => fetchWorkOrders(status),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const columns: ColumnsType<WorkOrderSummary> = [
    { key: 'id', title: '#', render: (_, o) => o.id },
    {
      key: 'title',
      title: t('service.workOrders.title'),
      render: (_, o) => (
        <Typography.Text style={{ maxWidth: 420 }} ellipsis={{ tooltip: localised(o.title, i18n.language) }}>
          {localised(o.title, i18n.language)}
        </Typography.Text>
      ),
    },
    { key: 'area', title: t('service.hotSpots.area'), dataIndex: 'area' },
    {
      key: 'category',
      title: t('service.hotSpots.category'),
      render: (_, o) => localised(o.categoryName, i18n.language),
    },
    { key: 'week', title: t('service.hotSpots.week'), dataIndex: 'week' },
    {
      key: 'team',
      title: t('service.workOrders.teamLabel'),
      render: (_, o) => t(`service.workOrders.team.${o.team}`, { defaultValue: o.team }),
    },
    {
      key: 'status',
      title: t('service.workOrders.statusLabel'),
      render: (_, o) => <WorkOrderStatusTag status={o.status} testId={`work-order-status-${o.id}`} />,
    },
    {
      key: 'created',
      title: t('service.workOrders.created'),
      render: (_, o) => `${formatDateTime(o.createdAt)}${o.createdByName ? ` · ${o.createdByName}` : ''}`,
    },
    { key: 'closed', title: t('service.workOrders.closed'), render: (_, o) => formatDate(o.closedAt) },
  ];

  return (
    <Card
      title={t('service.workOrders.listTitle')}
      data-testid="work-orders-tab"
      extra={
        <Flex gap={8} align="center" wrap>
          <Segmented
            size="small"
            value={filter}
            onChange={(value) => setFilter(FILTERS.find((f) => f === value) ?? 'all')}
            options={FILTERS.map((f) => ({
              value: f,
              label: f === 'all' ? t('common.all') : t(`service.workOrders.status.${f}`),
            }))}
            data-testid="work-orders-filter"
          />
          <CsvButton
            testId="work-orders-csv"
            build={() => ({
              filename: `work-orders-${filter}.csv`,
              headers: [
                '#',
                t('service.workOrders.title'),
                t('service.hotSpots.area'),
                t('service.hotSpots.category'),
                t('service.hotSpots.week'),
                t('service.workOrders.teamLabel'),
                t('service.workOrders.statusLabel'),
                t('service.workOrders.created'),
                t('service.workOrders.closed'),
                t('service.workOrders.resolution'),
              ],
              rows: items.map((o) => [
                o.id,
                localised(o.title, i18n.language),
                o.area,
                localised(o.categoryName, i18n.language),
                o.week,
                t(`service.workOrders.team.${o.team}`, { defaultValue: o.team }),
                t(`service.workOrders.status.${o.status}`),
                o.createdAt,
                o.closedAt,
                o.resolution,
              ]),
            })}
          />
        </Flex>
      }
    >
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table
        size="small"
        rowKey="id"
        loading={list.isPending}
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('service.workOrders.empty') }}
        onRow={(o) =>
          ({
            'data-testid': `work-order-row-${o.id}`,
            style: { cursor: 'pointer' },
            onClick: () => onOpen(o.id),
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="work-orders-table"
      />
      <WorkOrderDrawer id={openId} onClose={() => onOpen(null)} />
    </Card>
  );
}
