import {
  CheckOutlined,
  MessageOutlined,
  PauseOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addTicketNote,
  assignTicket,
  closeTicket,
  isStaleWrite,
  pauseTicket,
  reopenTicket,
  resumeTicket,
  ticketKeys,
} from '../../api/tickets';
import type { AssignBody, TicketDetail } from '../../api/types-tickets';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { errorMessage } from '../../components/ErrorAlert';
import { ReassignModal } from './ReassignModal';
import { TextActionModal } from './TextActionModal';

type TextAction = 'note' | 'pause' | 'close' | 'reopen';
type Action = { kind: TextAction; text: string } | { kind: 'resume' } | { kind: 'assign'; body: AssignBody };
type Open = TextAction | 'assign' | null;

type Props = { ticket: TicketDetail; onRefetch: () => void };

/**
 * Notes, reassignment, pause / resume, close and reopen. Each versioned write carries the version of the
 * ticket on screen; when someone else changed it first the server answers 412/409, the page reloads the
 * ticket and the open dialog keeps the user's text so they can re-apply it.
 */
export function TicketActions({ ticket, onRefetch }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [open, setOpen] = useState<Open>(null);

  const write = useMutation({
    mutationFn: (action: Action): Promise<unknown> => {
      const { id, version } = ticket;
      switch (action.kind) {
        case 'note':
          return addTicketNote(id, action.text);
        case 'pause':
          return pauseTicket(id, version, action.text);
        case 'close':
          return closeTicket(id, version, action.text);
        case 'reopen':
          return reopenTicket(id, version, action.text);
        case 'resume':
          return resumeTicket(id, version);
        case 'assign':
          return assignTicket(id, version, action.body);
      }
    },
    onSuccess: (result, action) => {
      if (action.kind !== 'note')
        queryClient.setQueryData(ticketKeys.detail(ticket.id), result as TicketDetail);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
      void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
      void message.success(t(`tickets.done.${action.kind}`));
      setOpen(null);
    },
    onError: (error) => {
      if (isStaleWrite(error)) {
        void message.warning(t('tickets.stale'));
        onRefetch();
      } else if (open === null) {
        void message.error(errorMessage(t, error));
      }
    },
  });
  const stale = write.isError && isStaleWrite(write.error);
  const show = (next: Open) => {
    write.reset();
    setOpen(next);
  };

  const work = can(me, 'tickets.work');
  const assign = can(me, 'tickets.assign');
  const closed = ticket.status === 'closed';
  const textModal = (kind: TextAction, label: string) => (
    <TextActionModal
      open={open === kind}
      title={t(`tickets.actions.${kind}`)}
      label={label}
      requiredMessage={t('tickets.actions.required', { what: label })}
      testId={`ticket-${kind}`}
      pending={write.isPending}
      error={open === kind ? write.error : null}
      stale={stale}
      onSubmit={(text) => write.mutate({ kind, text })}
      onCancel={() => setOpen(null)}
    />
  );

  if (!work && !assign) return null;
  return (
    <Card title={t('tickets.detail.actions')} size="small" data-testid="ticket-actions">
      {stale && open === null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="ticket-stale"
          title={t('tickets.stale')}
        />
      )}
      <Flex gap={8} wrap>
        {work && (
          <Button icon={<MessageOutlined />} onClick={() => show('note')} data-testid="ticket-note">
            {t('tickets.actions.note')}
          </Button>
        )}
        {assign && !closed && (
          <Button icon={<SwapOutlined />} onClick={() => show('assign')} data-testid="ticket-reassign">
            {t('tickets.actions.reassign')}
          </Button>
        )}
        {work && ticket.status === 'open' && (
          <Button icon={<PauseOutlined />} onClick={() => show('pause')} data-testid="ticket-pause">
            {t('tickets.actions.pause')}
          </Button>
        )}
        {work && ticket.status === 'waiting_customer' && (
          <Button
            icon={<PlayCircleOutlined />}
            loading={write.isPending && open === null}
            onClick={() => {
              write.reset();
              write.mutate({ kind: 'resume' });
            }}
            data-testid="ticket-resume"
          >
            {t('tickets.actions.resume')}
          </Button>
        )}
        {work && !closed && (
          <Button
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => show('close')}
            data-testid="ticket-close"
          >
            {t('tickets.actions.close')}
          </Button>
        )}
        {work && closed && (
          <Button icon={<RollbackOutlined />} onClick={() => show('reopen')} data-testid="ticket-reopen">
            {t('tickets.actions.reopen')}
          </Button>
        )}
      </Flex>
      {textModal('note', t('tickets.fields.note'))}
      {textModal('pause', t('tickets.fields.pauseReason'))}
      {textModal('close', t('tickets.fields.resolution'))}
      {textModal('reopen', t('tickets.fields.reopenReason'))}
      {assign && (
        <ReassignModal
          open={open === 'assign'}
          ticket={ticket}
          pending={write.isPending}
          error={open === 'assign' ? write.error : null}
          stale={stale}
          onSubmit={(body) => write.mutate({ kind: 'assign', body })}
          onCancel={() => setOpen(null)}
        />
      )}
    </Card>
  );
}
