import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaState, TicketStatus } from '../../api/types-tickets';
import { SLA_COLORS } from './slaView';

const STATUS_COLORS: Record<TicketStatus, string> = {
  open: 'processing',
  waiting_customer: 'warning',
  closed: 'default',
};

export function TicketStatusTag({ status, testId }: { status: TicketStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid={testId} data-status={status}>
      {t(`tickets.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function SlaStateTag({ state, testId }: { state: SlaState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={SLA_COLORS[state]} data-testid={testId} data-state={state}>
      {t(`tickets.slaState.${state}`, { defaultValue: state })}
    </Tag>
  );
}
