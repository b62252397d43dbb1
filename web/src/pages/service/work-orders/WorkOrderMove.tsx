import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { moveWorkOrder, serviceKeys } from '../../../api/service';
import { WORK_ORDER_NEXT, type WorkOrder, type WorkOrderStatus } from '../../../api/types-service';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { bodyIssues } from '../../campaigns/formIssues';

/** 412 (If-Match) or 409 (body version): someone moved the order since it was read. */
function isStale(error: unknown): boolean {
  return isApiError(error) && (error.status === 412 || error.status === 409);
}

/** The moves an order may make from its status; closing asks what was done. */
export function WorkOrderMove({ order, onStale }: { order: WorkOrder; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [resolution, setResolution] = useState(order.resolution ?? '');
  const move = useMutation({
    mutationFn: (status: WorkOrderStatus) =>
      moveWorkOrder(order.id, order.version, {
        status,
        ...(status === 'done' ? { resolution: resolution.trim() } : {}),
      }),
    onSuccess: (moved) => {
      void message.success(
        t('service.workOrders.moved', { status: t(`service.workOrders.status.${moved.status}`) }),
      );
      queryClient.setQueryData(serviceKeys.workOrder(moved.id), moved);
      void queryClient.invalidateQueries({ queryKey: ['service', 'work-orders'] });
      void queryClient.invalidateQueries({ queryKey: ['service', 'hot-spots'] });
    },
    onError: (error) => {
      if (isStale(error)) {
        void message.warning(t('service.workOrders.stale'));
        onStale();
        void queryClient.invalidateQueries({ queryKey: ['service', 'work-orders'] });
      }
    },
  });
  const resolutionProblem = move.isError
    ? bodyIssues(move.error).find((issue) => issue.path[0] === 'resolution')?.message
    : undefined;
  const next = WORK_ORDER_NEXT[order.status];

  return (
    <Card size="small" title={t('service.workOrders.moveTitle')} data-testid="work-order-move">
      <Flex vertical gap={8}>
        {next.includes('done') && (
          <>
            <Typography.Text>{t('service.workOrders.resolution')}</Typography.Text>
            <Input.TextArea
              value={resolution}
              onChange={(event) => setResolution(event.target.value)}
              rows={3}
              maxLength={2000}
              status={resolutionProblem ? 'error' : undefined}
              placeholder={t('service.workOrders.resolutionPlaceholder')}
              data-testid="work-order-resolution"
            />
            {resolutionProblem && <Typography.Text type="danger">{resolutionProblem}</Typography.Text>}
          </>
        )}
        {move.isError && !isStale(move.error) && !resolutionProblem && <ErrorAlert error={move.error} />}
        <Flex gap={8} wrap>
          {next.map((status) => (
            <Button
              key={status}
              type={status === 'done' ? 'primary' : 'default'}
              loading={move.isPending && move.variables === status}
              disabled={status === 'done' && resolution.trim() === ''}
              onClick={() => move.mutate(status)}
              data-testid={`work-order-move-${status}`}
            >
              {t(`service.workOrders.moveTo.${order.status === 'done' ? 'reopen' : status}`)}
            </Button>
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}
