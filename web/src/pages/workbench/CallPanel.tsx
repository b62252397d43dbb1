import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Form, Result, Row, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { RevisitAnswerResult } from '../../api/types-tickets';
import { DISPOSITIONS, type DialResult, type OutcomeResult, type QueueItem } from '../../api/types-workbench';
import { contactRefusalsOf, dialTask, fetchBriefing, releaseTask } from '../../api/workbench';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { LogContactButton } from '../contacts/LogContactButton';
import { RevisitForm } from '../tickets/RevisitForm';
import { BriefingCard } from './BriefingCard';
import { CallHeader } from './CallHeader';
import { DialControl } from './DialControl';
import { DispositionForm } from './DispositionForm';
import { OffersCard } from './OffersCard';
import type { DispositionValues } from './outcomeBody';
import { PolicyAlert, RefusalList } from './PolicyAlert';
import { briefingKey, QUEUE_KEY } from './queryKeys';
import { ScriptCard } from './ScriptCard';
import { SendSmsButton } from './SendSmsButton';
import { useCallTimer } from './useCallTimer';
import { useShortcuts } from './useShortcuts';

type Props = {
  taskId: number;
  /** The task's queue row (for the plan's chosen offer); null until the queue has it. */
  queueItem: QueueItem | null;
  /** True from Dial until the outcome is saved: the page claims nothing new meanwhile. */
  onBusyChange: (busy: boolean) => void;
  /** The outcome is saved: move on to the next task. */
  onFinished: () => void;
  onReleased: () => void;
  onClose: () => void;
};

/** The call panel of the task the agent holds: briefing, script, offers, policy, dial and disposition. */
export function CallPanel({ taskId, queueItem, onBusyChange, onFinished, onReleased, onClose }: Props) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const lang = currentLanguage();
  const [form] = Form.useForm<DispositionValues>();
  const [dialResult, setDialResult] = useState<DialResult | null>(null);
  const [smsOpen, setSmsOpen] = useState(false);
  const timer = useCallTimer(taskId);

  const briefing = useQuery({
    queryKey: briefingKey(taskId, lang),
    queryFn: () => fetchBriefing(taskId, lang),
    // On a language switch keep this task on screen while the new text loads.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[2] === taskId ? previous : undefined,
    staleTime: 60_000,
  });
  const data = briefing.data;
  const purpose = data?.contactPolicy.purpose ?? 'care';

  // A call dialled before a reload: the timer picks up from the server's dial time.
  const serverDialledAt = data?.task.dialledAt ?? null;
  const { startedAt, start } = timer;
  useEffect(() => {
    if (serverDialledAt && startedAt === null) start(Date.parse(serverDialledAt));
  }, [serverDialledAt, startedAt, start]);

  const inCall = timer.startedAt !== null;
  useEffect(() => onBusyChange(inCall), [inCall, onBusyChange]);

  // The task is no longer mine (done elsewhere, claim expired): forget its call, refresh the queue.
  const lost = briefing.isError && isApiError(briefing.error, 'NOT_FOUND');
  const { clear } = timer;
  useEffect(() => {
    if (!lost) return;
    clear();
    void queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
  }, [lost, clear, queryClient]);

  const dial = useMutation({
    mutationFn: () => dialTask(taskId),
    onSuccess: (result) => {
      setDialResult(result);
      if (timer.startedAt === null) timer.start();
      // The dial extends the claim: show the new expiry.
      void queryClient.invalidateQueries({ queryKey: ['workbench', 'briefing', taskId] });
    },
    onError: () => void briefing.refetch(),
  });
  const dialRefusals = dial.isError ? contactRefusalsOf(dial.error) : null;

  const release = useMutation({
    mutationFn: () => releaseTask(taskId),
    onSuccess: () => {
      timer.clear();
      // Stale, not refetched (the task is no longer held): taking it again reads a fresh briefing,
      // since a ticket opened or closed meanwhile changes what may be offered.
      void queryClient.invalidateQueries({
        queryKey: ['workbench', 'briefing', taskId],
        refetchType: 'none',
      });
      void message.success(t('workbench.queue.released'));
      onReleased();
    },
    onError: (error) => void message.error(errorMessage(t, error)),
  });

  // A complaint logged on the call may open a ticket: the briefing then holds its sales offers back
  // and the owner's queue gains a care task, so both are read again.
  const contactLogged = () => {
    void queryClient.invalidateQueries({ queryKey: ['workbench', 'briefing', taskId] });
    void queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
  };

  const saved = (result: OutcomeResult) => {
    timer.clear();
    // Marked stale without a refetch: the task is no longer held, so a refetch would only 404.
    void queryClient.invalidateQueries({ queryKey: ['workbench', 'briefing', taskId], refetchType: 'none' });
    notification.success({
      title: t('callPanel.outcome.saved'),
      description: savedDescription(t, result),
      duration: result.warnings.length > 0 || result.ticket ? 12 : 4,
      placement: 'bottomRight',
    });
    onFinished();
  };

  const offers = data?.offers.items ?? [];
  const dialBlocked = data !== undefined && !data.contactPolicy.allowed;
  const chooseDisposition = (index: number) => {
    const code = DISPOSITIONS[index];
    if (code) form.setFieldValue('disposition', code);
  };
  const acceptOffer = (offerCode: string) => form.setFieldsValue({ disposition: 'accepted', offerCode });

  useShortcuts(
    {
      // D starts the call; dialling again (an audited reveal of the number) takes the button.
      d: () => {
        if (!dial.isPending && !dialBlocked && !inCall) dial.mutate();
      },
      ...Object.fromEntries(
        DISPOSITIONS.map((_, index) => [String(index + 1), () => chooseDisposition(index)]),
      ),
      'ctrl+enter': () => form.submit(),
      escape: () =>
        form.resetFields([
          'disposition',
          'callbackAt',
          'reason',
          'reasonNote',
          'summary',
          'complaint',
          'complaintTicket',
          'dncConfirm',
        ]),
      s: () => setSmsOpen(true),
    },
    data !== undefined,
  );

  // The plan's chosen offer is the default answer to "which offer was accepted".
  const recommendedCode = queueItem?.offerCode ?? null;
  useEffect(() => {
    if (recommendedCode && offers.some((offer) => offer.code === recommendedCode)) {
      if (!form.getFieldValue('offerCode')) form.setFieldValue('offerCode', recommendedCode);
    }
  }, [recommendedCode, offers, form]);

  if (lost) {
    return (
      <Card data-testid="call-panel">
        <Result
          status="warning"
          title={t('workbench.panel.notClaimed')}
          extra={<Button onClick={onClose}>{t('common.close')}</Button>}
        />
      </Card>
    );
  }
  if (briefing.isError) return <ErrorAlert error={briefing.error} onRetry={() => void briefing.refetch()} />;
  if (!data) {
    return (
      <Card data-testid="call-panel">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  }

  const offerName = (code: string) => offers.find((offer) => offer.code === code)?.name;
  const revisit = revisitOf(data.whyNow.reasons);
  // Answering the revisit ends its task on the server: the panel moves on as after an outcome.
  const revisitAnswered = (result: RevisitAnswerResult) => {
    timer.clear();
    void queryClient.invalidateQueries({ queryKey: ['workbench', 'briefing', taskId], refetchType: 'none' });
    notification.success({
      title: t('tickets.revisitForm.saved'),
      description: (
        <div data-testid="revisit-saved">
          {result.reopened
            ? t('tickets.revisitForm.reopened', { ticketNo: result.ticketNo })
            : t('tickets.revisitForm.recorded', { score: result.score ?? '—' })}
        </div>
      ),
      placement: 'bottomRight',
    });
    onFinished();
  };
  return (
    <Flex vertical gap={16} data-testid="call-panel" data-task-id={taskId}>
      <CallHeader
        briefing={data}
        dial={
          <DialControl
            dial={() => dial.mutate()}
            dialling={dial.isPending}
            blocked={dialBlocked}
            result={dialResult}
            seconds={timer.seconds}
          />
        }
        sms={
          <Space wrap>
            <SendSmsButton
              subscriberId={data.task.subscriberId}
              campaignId={data.task.campaign?.id ?? null}
              open={smsOpen}
              onOpenChange={setSmsOpen}
            />
            {can(me, 'contacts.log') && (
              <LogContactButton
                subscriberId={data.task.subscriberId}
                callTaskId={taskId}
                defaultDirection="outbound"
                onLogged={contactLogged}
              />
            )}
          </Space>
        }
        onRelease={inCall ? null : () => release.mutate()}
        releasing={release.isPending}
      />
      {dialRefusals && (
        <Alert
          type="error"
          showIcon
          data-testid="dial-refused"
          title={t('callPanel.dial.refused')}
          description={<RefusalList refusals={dialRefusals} />}
        />
      )}
      {dial.isError && !dialRefusals && <ErrorAlert error={dial.error} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <BriefingCard briefing={data} offerName={offerName} />
            <ScriptCard script={data.script} />
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <PolicyAlert verdict={data.contactPolicy} />
            <OffersCard
              offers={offers}
              budgetFen={data.offers.budgetFen}
              purpose={purpose}
              recommendedCode={recommendedCode}
              onAccept={acceptOffer}
              suppressedBy={data.offersSuppressedBy ?? null}
            />
            {revisit && (
              <RevisitForm
                revisitId={revisit.revisitId}
                ticketId={revisit.ticketId}
                ticketNo={revisit.ticketNo}
                onAnswered={revisitAnswered}
              />
            )}
            <DispositionForm
              taskId={taskId}
              form={form}
              offers={offers}
              tags={data.tags}
              canEditTags={data.can.editTags}
              handleSeconds={timer.secondsNow}
              dialled={inCall}
              onSaved={saved}
            />
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

/** The revisit a `ticket_revisit` reason points at (revisit tasks carry one), or null. */
function revisitOf(reasons: { code: string; params: Record<string, string | number> }[]) {
  const reason = reasons.find((r) => r.code === 'ticket_revisit');
  const revisitId = Number(reason?.params.revisitId);
  if (!reason || !Number.isInteger(revisitId) || revisitId <= 0) return null;
  const ticketId = Number(reason.params.ticketId);
  return {
    revisitId,
    ticketId: Number.isInteger(ticketId) && ticketId > 0 ? ticketId : null,
    ticketNo: reason.params.ticketNo !== undefined ? String(reason.params.ticketNo) : null,
  };
}

/** What happened after the outcome: retry time, callback, survey, cancelled tasks, phrasing warnings. */
function savedDescription(t: ReturnType<typeof useTranslation>['t'], result: OutcomeResult) {
  const lines: string[] = [];
  if (result.task.status === 'open' && result.task.dueAt) {
    lines.push(t('callPanel.outcome.retryAt', { time: formatDateTime(result.task.dueAt) }));
  }
  if (result.callbackTaskId !== null) lines.push(t('callPanel.outcome.callbackCreated'));
  if (result.surveyQueued) lines.push(t('callPanel.outcome.surveyQueued'));
  if (result.cancelledTasks > 0) {
    lines.push(t('callPanel.outcome.cancelledTasks', { count: result.cancelledTasks }));
  }
  const { ticket } = result;
  return (
    <div data-testid="outcome-saved">
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
      {ticket && (
        // The notification renders outside the router: a plain link, opened beside the workbench.
        <div data-testid="outcome-ticket" data-ticket-no={ticket.ticketNo}>
          {t('contactLog.outcomeTicket', {
            ticketNo: ticket.ticketNo,
            group: ticket.groupName ?? '—',
            time: formatDateTime(ticket.dueAt),
          })}{' '}
          <a
            href={`/tickets/${ticket.id}`}
            target="_blank"
            rel="noreferrer"
            data-testid="outcome-ticket-link"
          >
            {t('contactLog.openTicketLink')}
          </a>
        </div>
      )}
      {result.warnings.length > 0 && (
        <div data-testid="outcome-warnings" style={{ marginTop: 6 }}>
          <strong>{t('callPanel.outcome.notesLint')}</strong>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {result.warnings.map((warning) => (
              <li key={`${warning.field}-${warning.code}-${warning.match}`}>
                “{warning.match}” → {t('callPanel.outcome.suggestion', { text: warning.suggestion })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
