import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import type { HTMLAttributes, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HotSpot } from '../../../api/types-service';
import type { CsvExport } from '../ChartTableCard';
import { localised } from '../localised';
import { WorkOrderStatusTag } from '../work-orders/WorkOrderStatusTag';
import { hotSpotKey, probabilityText, ratioText } from './hotSpotFormat';
import { RaiseWorkOrderButton } from './RaiseWorkOrderButton';

/**
 * A click on the row itself, not on its buttons and not inside a popup the row opened (React lets
 * portal clicks bubble to the row, though the popup is elsewhere in the page).
 */
export function isOwnPlainClick(event: MouseEvent<HTMLElement>): boolean {
  const target = event.target;
  if (!(target instanceof Element) || !event.currentTarget.contains(target)) return false;
  return target.closest('button, a, input, .ant-select') === null;
}

type HotSpotTableProps = { hotSpots: HotSpot[]; onOpen: (spot: HotSpot) => void };

/** The hot spots, strongest first: where, what, which week, how far above the baseline, and the order. */
export function HotSpotTable({ hotSpots, onOpen }: HotSpotTableProps) {
  const { t, i18n } = useTranslation();
  const columns: ColumnsType<HotSpot> = [
    { key: 'area', title: t('service.hotSpots.area'), render: (_, s) => s.area },
    {
      key: 'category',
      title: t('service.hotSpots.category'),
      render: (_, s) => localised(s.categoryName, i18n.language),
    },
    {
      key: 'week',
      title: t('service.hotSpots.week'),
      render: (_, s) => <Tooltip title={s.weekStart}>{s.week}</Tooltip>,
    },
    {
      key: 'observed',
      title: t('service.hotSpots.observedVsExpected'),
      align: 'right',
      render: (_, s) => `${s.observed} / ${s.expected.toFixed(1)}`,
    },
    {
      key: 'ratio',
      title: t('service.hotSpots.ratio'),
      align: 'right',
      sorter: (a, b) => a.ratio - b.ratio,
      render: (_, s) => ratioText(s.ratio),
    },
    {
      key: 'p',
      title: t('service.hotSpots.p'),
      align: 'right',
      sorter: (a, b) => a.logPValue - b.logPValue,
      render: (_, s) => probabilityText(s.pValue, s.logPValue),
    },
    {
      key: 'q',
      title: t('service.hotSpots.q'),
      align: 'right',
      sorter: (a, b) => a.qValue - b.qValue,
      render: (_, s) => probabilityText(s.qValue),
    },
    {
      key: 'suggestion',
      title: t('service.hotSpots.suggestion'),
      render: (_, s) => (
        <Typography.Text
          style={{ maxWidth: 320 }}
          ellipsis={{ tooltip: localised(s.workOrder.title, i18n.language) }}
        >
          {t(`service.workOrders.team.${s.workOrder.team}`, { defaultValue: s.workOrder.team })} ·{' '}
          {t(`service.workOrders.kind.${s.workOrder.kind}`, { defaultValue: s.workOrder.kind })}
        </Typography.Text>
      ),
    },
    {
      key: 'order',
      title: t('service.hotSpots.order'),
      render: (_, s) =>
        s.existingWorkOrder ? (
          <span data-testid="hot-spot-order">
            #{s.existingWorkOrder.id} <WorkOrderStatusTag status={s.existingWorkOrder.status} />
          </span>
        ) : (
          <RaiseWorkOrderButton size="small" cell={s} title={s.workOrder.title} />
        ),
    },
  ];
  return (
    <Table
      size="small"
      rowKey={hotSpotKey}
      columns={columns}
      dataSource={hotSpots}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('service.hotSpots.none') }}
      onRow={(spot, index) =>
        ({
          'data-testid': `hot-spot-row-${index}`,
          'data-area': spot.area,
          'data-category': spot.category,
          style: { cursor: 'pointer' },
          onClick: (event: MouseEvent<HTMLElement>) => {
            if (isOwnPlainClick(event)) onOpen(spot);
          },
        }) as HTMLAttributes<HTMLElement>
      }
      data-testid="hot-spot-table"
    />
  );
}

export function hotSpotsCsv(
  t: TFunction,
  language: string,
  hotSpots: readonly HotSpot[],
  until: string,
): CsvExport {
  return {
    filename: `hot-spots-${until}.csv`,
    headers: [
      t('service.hotSpots.area'),
      t('service.hotSpots.city'),
      t('service.hotSpots.district'),
      t('service.hotSpots.category'),
      t('service.hotSpots.week'),
      t('service.hotSpots.weekStart'),
      t('service.hotSpots.observed'),
      t('service.hotSpots.expected'),
      t('service.hotSpots.ratio'),
      t('service.hotSpots.p'),
      t('service.hotSpots.q'),
      t('service.hotSpots.suggestion'),
      t('service.hotSpots.order'),
      t('service.hotSpots.orderStatus'),
    ],
    rows: hotSpots.map((s) => [
      s.area,
      s.city,
      s.district,
      localised(s.categoryName, language),
      s.week,
      s.weekStart,
      s.observed,
      s.expected.toFixed(2),
      s.ratio.toFixed(2),
      probabilityText(s.pValue, s.logPValue),
      probabilityText(s.qValue),
      localised(s.workOrder.title, language),
      s.existingWorkOrder?.id ?? null,
      s.existingWorkOrder ? t(`service.workOrders.status.${s.existingWorkOrder.status}`) : null,
    ]),
  };
}
