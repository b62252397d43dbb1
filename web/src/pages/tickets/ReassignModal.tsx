import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchServiceGroups, ticketKeys } from '../../api/tickets';
import type { AssignBody, TicketDetail } from '../../api/types-tickets';
import { ErrorText } from '../../components/ErrorAlert';

/** "Let the group assign by load" and "nobody" are choices next to the members. */
const AUTO = 'auto';
const NOBODY = 'nobody';

type Values = { groupId: number; member: string };

type Props = {
  open: boolean;
  ticket: TicketDetail;
  pending: boolean;
  error: unknown;
  stale: boolean;
  onSubmit: (body: AssignBody) => void;
  onCancel: () => void;
};

/** Move the ticket to a service group, then to one of its members (their open tickets and capacity shown). */
export function ReassignModal({ open, ticket, pending, error, stale, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const groups = useQuery({ queryKey: ticketKeys.groups, queryFn: fetchServiceGroups, enabled: open });
  const groupId = Form.useWatch('groupId', form);
  const group = groups.data?.find((g) => g.id === groupId);

  // Filled when the dialog opens only: a reload after a stale write must not undo the user's choice.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on opening, reads the ticket then
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({
      groupId: ticket.groupId ?? undefined,
      member: ticket.assigneeUserId !== null ? String(ticket.assigneeUserId) : NOBODY,
    });
  }, [open]);

  const submit = (values: Values) => {
    const body: AssignBody = { groupId: values.groupId };
    if (values.member === NOBODY) body.assigneeUserId = null;
    else if (values.member !== AUTO) body.assigneeUserId = Number(values.member);
    onSubmit(body);
  };

  return (
    <Modal
      open={open}
      title={t('tickets.actions.reassign')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ loading: pending, 'data-testid': 'ticket-reassign-submit' }}
      forceRender
      data-testid="ticket-reassign-modal"
    >
      {error !== null && error !== undefined && (
        <Alert
          type={stale ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid={stale ? 'ticket-stale' : 'ticket-reassign-error'}
          title={stale ? t('tickets.stale') : <ErrorText error={error} />}
        />
      )}
      {groups.isError && <Alert type="error" showIcon title={<ErrorText error={groups.error} />} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="groupId"
          label={t('tickets.fields.group')}
          rules={[{ required: true, message: t('tickets.reassign.groupRequired') }]}
        >
          <Select
            loading={groups.isPending}
            data-testid="ticket-reassign-group"
            onChange={() => form.setFieldValue('member', AUTO)}
            options={(groups.data ?? []).map((g) => ({
              value: g.id,
              label: g.name,
              'data-testid': `ticket-reassign-group-${g.id}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="member" label={t('tickets.fields.assignee')} initialValue={AUTO}>
          <Select
            data-testid="ticket-reassign-member"
            options={[
              {
                value: AUTO,
                label: t('tickets.reassign.auto'),
                'data-testid': 'ticket-reassign-member-auto',
              },
              {
                value: NOBODY,
                label: t('tickets.unassigned'),
                'data-testid': 'ticket-reassign-member-nobody',
              },
              ...(group?.members ?? []).map((m) => ({
                value: String(m.userId),
                label: `${m.name} ${t('tickets.reassign.load', { open: m.openTickets, capacity: m.capacity })}`,
                'data-testid': `ticket-reassign-member-${m.userId}`,
              })),
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
