import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { fetchHotSpotCell, serviceKeys } from '../../../api/service';
import type { CellItem, HotSpotCellKey } from '../../../api/types-service';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../format/format';
import { localised } from '../localised';
import { WorkOrderStatusTag } from '../work-orders/WorkOrderStatusTag';
import { CellSeriesCard } from './CellSeriesCard';
import { probabilityText, ratioText } from './hotSpotFormat';
import { RaiseWorkOrderButton } from './RaiseWorkOrderButton';

type HotSpotDrawerProps = {
  cell: HotSpotCellKey | null;
  onClose: () => void;
  onOpenWorkOrder: (id: number) => void;
};

/** One area × category × week: its weekly series against the baseline, and what was complained of. */
export function HotSpotDrawer({ cell, onClose, onOpenWorkOrder }: HotSpotDrawerProps) {
  const { t, i18n } = useTranslation();
  const detail = useQuery({
    queryKey: cell ? serviceKeys.hotSpotCell(cell) : ['service', 'hot-spots', 'cell', 'none'],
    queryFn: () => (cell ? fetchHotSpotCell(cell) : Promise.reject(new Error('no cell'))),
    enabled: cell !== null,
  });
  const data = detail.data;
  const spot = data?.hotSpot ?? null;

  const columns: ColumnsType<CellItem> = [
    {
      key: 'number',
      title: t('service.hotSpots.itemNumber'),
      render: (_, item) => (
        <Flex gap={4} align="center">
          <Tag color={item.source === 'ticket' ? 'blue' : 'default'}>
            {t(`service.hotSpots.source.${item.source}`)}
          </Tag>
          {item.ticketNo ?? item.complaintNo ?? '—'}
        </Flex>
      ),
    },
    {
      key: 'openedAt',
      title: t('service.hotSpots.openedAt'),
      render: (_, item) => formatDateTime(item.openedAt),
    },
    {
      key: 'category',
      title: t('service.hotSpots.category'),
      render: (_, item) => localised(item.categoryName, i18n.language),
    },
    { key: 'title', title: t('service.hotSpots.itemTitle'), render: (_, item) => item.title ?? '—' },
    { key: 'subscriber', title: t('service.hotSpots.subscriber'), dataIndex: 'subscriberName' },
    {
      key: 'status',
      title: t('service.hotSpots.itemStatus'),
      render: (_, item) => t(`service.hotSpots.itemStatuses.${item.status}`, { defaultValue: item.status }),
    },
  ];

  return (
    <Drawer
      open={cell !== null}
      onClose={onClose}
      size={1080}
      title={
        data
          ? t('service.hotSpots.drawerTitle', {
              area: data.area,
              category: localised(data.categoryName, i18n.language),
              week: data.week,
            })
          : t('service.hotSpots.drawerLoading')
      }
      data-testid="hot-spot-drawer"
      destroyOnHidden
    >
      {detail.isError && <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {!data && detail.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {data && (
        <Flex vertical gap={16}>
          {spot ? (
            <Descriptions size="small" column={3} bordered data-testid="hot-spot-stats">
              <Descriptions.Item label={t('service.hotSpots.observed')}>{spot.observed}</Descriptions.Item>
              <Descriptions.Item label={t('service.hotSpots.expected')}>
                {spot.expected.toFixed(1)}
              </Descriptions.Item>
              <Descriptions.Item label={t('service.hotSpots.ratio')}>
                {ratioText(spot.ratio)}
              </Descriptions.Item>
              <Descriptions.Item label={t('service.hotSpots.p')}>
                {probabilityText(spot.pValue, spot.logPValue)}
              </Descriptions.Item>
              <Descriptions.Item label={t('service.hotSpots.q')}>
                {probabilityText(spot.qValue)}
              </Descriptions.Item>
              <Descriptions.Item label={t('service.hotSpots.baselineWeeks')}>
                {spot.baselineWeeksUsed}
              </Descriptions.Item>
              <Descriptions.Item label={t('service.hotSpots.suggestion')} span={3}>
                {localised(spot.workOrder.title, i18n.language)}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Alert
              type="info"
              showIcon
              title={t('service.hotSpots.notHotSpot')}
              data-testid="hot-spot-not-hot"
            />
          )}
          <Flex gap={8} align="center" data-testid="hot-spot-drawer-order">
            {data.workOrder ? (
              <>
                <Typography.Text>
                  {t('service.hotSpots.orderRaised', { id: data.workOrder.id })}
                </Typography.Text>
                <WorkOrderStatusTag status={data.workOrder.status} testId="hot-spot-drawer-order-status" />
                <Button size="small" onClick={() => data.workOrder && onOpenWorkOrder(data.workOrder.id)}>
                  {t('service.hotSpots.viewOrder')}
                </Button>
              </>
            ) : (
              spot && <RaiseWorkOrderButton cell={data} title={spot.workOrder.title} />
            )}
          </Flex>
          <CellSeriesCard
            testId="hot-spot-series"
            series={data.series}
            focusWeekStart={data.weekStart}
            name={`hot-spot-${data.district}-${data.category}-${data.weekStart}`}
          />
          <Flex vertical gap={4}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('service.hotSpots.itemsTitle', { count: data.items.length })}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('service.hotSpots.itemsMasked')}
            </Typography.Text>
            <Table
              size="small"
              rowKey={(item) => `${item.source}-${item.ticketId ?? item.complaintNo}-${item.openedAt}`}
              columns={columns}
              dataSource={data.items}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
              data-testid="hot-spot-items"
            />
            {data.itemsTruncated && (
              <Typography.Text type="warning">{t('service.hotSpots.itemsTruncated')}</Typography.Text>
            )}
          </Flex>
        </Flex>
      )}
    </Drawer>
  );
}
