import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Flex, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchWorkOrder, serviceKeys } from '../../../api/service';
import type { SeriesPoint, TrackingPhase, WorkOrder } from '../../../api/types-service';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '../../../format/format';
import { CellSeriesCard } from '../hot-spots/CellSeriesCard';
import { probabilityText, ratioText } from '../hot-spots/hotSpotFormat';
import { localised } from '../localised';
import { useHasPermission } from '../usePermission';
import { WorkOrderMove } from './WorkOrderMove';
import { WorkOrderStatusTag } from './WorkOrderStatusTag';

const PHASE_COLORS: Record<TrackingPhase, string> = {
  baseline: '#bfbfbf',
  hot_spot: '#cf1322',
  in_work: '#fa8c16',
  after_close: '#389e0d',
};

const perWeek = (mean: number | null) => (mean === null ? '—' : mean.toFixed(1));

/** One work order: what was found, the complaints per week before and after, and its status moves. */
export function WorkOrderDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useQuery({
    queryKey: serviceKeys.workOrder(id ?? 0),
    queryFn: () => fetchWorkOrder(id ?? 0),
    enabled: id !== null,
  });
  const order = detail.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={960}
      title={
        order ? t('service.workOrders.drawerTitle', { id: order.id }) : t('service.hotSpots.drawerLoading')
      }
      data-testid="work-order-drawer"
      destroyOnHidden
    >
      {detail.isError && <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {!order && detail.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {order && order.id === id && <WorkOrderDetail order={order} onStale={() => void detail.refetch()} />}
    </Drawer>
  );
}

function WorkOrderDetail({ order, onStale }: { order: WorkOrder; onStale: () => void }) {
  const { t, i18n } = useTranslation();
  const canManage = useHasPermission('workOrders.manage');
  const tracking = order.tracking;
  const phaseOf = useMemo(() => {
    const byWeek = new Map(tracking.weeks.map((w) => [w.weekStart, w]));
    return (point: SeriesPoint) => {
      const week = byWeek.get(point.weekStart);
      if (!week) return '';
      const phase = t(`service.workOrders.phases.${week.phase}`);
      return week.partial ? `${phase} (${t('service.workOrders.partial')})` : phase;
    };
  }, [tracking, t]);
  const phases = useMemo(
    () => tracking.weeks.map((w) => ({ weekStart: w.weekStart, color: PHASE_COLORS[w.phase] })),
    [tracking],
  );
  const evidence = order.evidence;

  return (
    <Flex vertical gap={16}>
      <Typography.Text strong data-testid="work-order-title">
        {localised(order.title, i18n.language)}
      </Typography.Text>
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('service.workOrders.statusLabel')}>
          <WorkOrderStatusTag status={order.status} testId="work-order-drawer-status" />
        </Descriptions.Item>
        <Descriptions.Item label={t('service.workOrders.teamLabel')}>
          {t(`service.workOrders.team.${order.team}`, { defaultValue: order.team })}
        </Descriptions.Item>
        <Descriptions.Item label={t('service.hotSpots.area')}>{order.area}</Descriptions.Item>
        <Descriptions.Item label={t('service.hotSpots.category')}>
          {localised(order.categoryName, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('service.hotSpots.week')}>{order.week}</Descriptions.Item>
        <Descriptions.Item label={t('service.workOrders.evidence')}>
          {t('service.workOrders.evidenceText', {
            observed: evidence.observed,
            expected: evidence.expected.toFixed(1),
            ratio: ratioText(evidence.ratio),
            q: probabilityText(evidence.qValue),
          })}
        </Descriptions.Item>
        <Descriptions.Item label={t('service.workOrders.created')}>
          {formatDateTime(order.createdAt)}
          {order.createdByName ? ` · ${order.createdByName}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('service.workOrders.closed')}>
          {formatDateTime(order.closedAt)}
        </Descriptions.Item>
        {order.resolution && (
          <Descriptions.Item label={t('service.workOrders.resolution')} span={2}>
            <span data-testid="work-order-resolution-text">{order.resolution}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Typography.Text data-testid="work-order-before-after">
        {order.status === 'done'
          ? tracking.afterCloseWeeks > 0
            ? t('service.workOrders.beforeAfter', {
                before: perWeek(tracking.baselineMean),
                after: perWeek(tracking.afterCloseMean),
                weeks: tracking.afterCloseWeeks,
              })
            : t('service.workOrders.beforeAfterWaiting', { before: perWeek(tracking.baselineMean) })
          : t('service.workOrders.beforeOnly', { before: perWeek(tracking.baselineMean) })}
      </Typography.Text>
      <CellSeriesCard
        testId="work-order-tracking"
        title={t('service.workOrders.trackingTitle')}
        series={tracking.weeks}
        focusWeekStart={order.weekStart}
        name={`work-order-${order.id}`}
        phases={phases}
        phaseOf={phaseOf}
      />
      {canManage && <WorkOrderMove key={order.version} order={order} onStale={onStale} />}
    </Flex>
  );
}
