import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkOrderStatus } from '../../../api/types-service';

const COLORS: Record<WorkOrderStatus, string> = { open: 'blue', in_progress: 'gold', done: 'green' };

export function WorkOrderStatusTag({ status, testId }: { status: WorkOrderStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid={testId} data-status={status}>
      {t(`service.workOrders.status.${status}`)}
    </Tag>
  );
}
