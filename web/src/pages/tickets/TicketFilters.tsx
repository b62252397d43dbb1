import { Checkbox, Flex, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { SLA_STATES, TICKET_STATUSES } from '../../api/types-tickets';
import { CategoryTreeSelect } from './CategoryTreeSelect';

export type TicketFilterValues = {
  status: string;
  category?: string;
  slaState?: string;
  mine: boolean;
};

type Props = {
  values: TicketFilterValues;
  onChange: (patch: Partial<TicketFilterValues>) => void;
};

/** Status (active by default), category, SLA state and "assigned to me". */
export function TicketFilters({ values, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap align="center" style={{ padding: 12 }} data-testid="ticket-filters">
      <Select
        value={values.status}
        onChange={(status: string) => onChange({ status })}
        style={{ width: 160 }}
        data-testid="ticket-filter-status"
        options={['active', ...TICKET_STATUSES, 'all'].map((status) => ({
          value: status,
          label: status === 'all' ? t('common.all') : t(`tickets.status.${status}`),
          'data-testid': `ticket-filter-status-${status}`,
        }))}
      />
      <CategoryTreeSelect
        value={values.category ?? null}
        onChange={(category) => onChange({ category })}
        allowClear
        testId="ticket-filter-category"
        style={{ width: 220 }}
      />
      <Select
        value={values.slaState}
        onChange={(slaState: string | undefined) => onChange({ slaState })}
        allowClear
        placeholder={t('tickets.fields.slaState')}
        style={{ width: 160 }}
        data-testid="ticket-filter-sla"
        options={SLA_STATES.map((state) => ({
          value: state,
          label: t(`tickets.slaState.${state}`),
          'data-testid': `ticket-filter-sla-${state}`,
        }))}
      />
      <Checkbox
        checked={values.mine}
        onChange={(event) => onChange({ mine: event.target.checked })}
        data-testid="ticket-filter-mine"
      >
        {t('tickets.list.mine')}
      </Checkbox>
    </Flex>
  );
}
