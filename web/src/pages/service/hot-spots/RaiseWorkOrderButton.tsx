import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { createWorkOrder } from '../../../api/service';
import type { HotSpotCellKey, WorkOrder } from '../../../api/types-service';
import { errorMessage } from '../../../components/ErrorAlert';
import { localised } from '../localised';
import { useHasPermission } from '../usePermission';

type RaiseWorkOrderButtonProps = {
  cell: HotSpotCellKey;
  /** The suggested title, shown in the confirmation. */
  title: { 'zh-CN': string; en: string };
  onRaised?: (order: WorkOrder) => void;
  size?: 'small' | 'middle';
};

/** Raises the hot spot's work order to the responsible team (workOrders.manage; one per cell). */
export function RaiseWorkOrderButton({ cell, title, onRaised, size = 'middle' }: RaiseWorkOrderButtonProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const allowed = useHasPermission('workOrders.manage');
  const raise = useMutation({
    // Only the cell's key: callers may pass a whole hot spot or drill-down view.
    mutationFn: () =>
      createWorkOrder({
        city: cell.city,
        district: cell.district,
        category: cell.category,
        weekStart: cell.weekStart,
      }),
    onSuccess: (order) => {
      void message.success(t('service.workOrders.raised', { id: order.id }));
      void queryClient.invalidateQueries({ queryKey: ['service'] });
      onRaised?.(order);
    },
    onError: (error) => {
      // Someone raised it meanwhile: the refreshed list shows their order.
      if (isApiError(error) && error.status === 409) {
        void message.warning(t('service.workOrders.alreadyRaised'));
        void queryClient.invalidateQueries({ queryKey: ['service'] });
        return;
      }
      void message.error(errorMessage(t, error));
    },
  });
  if (!allowed) return null;
  return (
    <Popconfirm
      title={t('service.workOrders.raiseConfirm')}
      description={<div style={{ maxWidth: 360 }}>{localised(title, i18n.language)}</div>}
      okText={t('service.workOrders.raise')}
      cancelText={t('common.cancel')}
      onConfirm={() => raise.mutate()}
      okButtonProps={{ 'data-testid': 'raise-work-order-confirm' }}
    >
      <Button size={size} type="primary" loading={raise.isPending} data-testid="raise-work-order">
        {t('service.workOrders.raise')}
      </Button>
    </Popconfirm>
  );
}
