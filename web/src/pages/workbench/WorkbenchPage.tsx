import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Col, Flex, Row, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import type { QueueItem } from '../../api/types-workbench';
import { claimNextTask, claimTask, fetchQueue } from '../../api/workbench';
import { errorMessage } from '../../components/ErrorAlert';
import { CallPanel } from './CallPanel';
import { EmptyPanel } from './EmptyPanel';
import { QueueList } from './QueueList';
import { QUEUE_KEY } from './queryKeys';
import { ShortcutHelp } from './ShortcutHelp';
import { useShortcuts } from './useShortcuts';

/** How often the queue refreshes by itself: new callbacks and overflow arrive during the day. */
const QUEUE_REFRESH_MS = 30_000;

/** The phone manager's workbench: the queue on the left, the call panel of the held task on the right. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const taskParam = Number(params.get('task'));
  const activeTaskId = Number.isInteger(taskParam) && taskParam > 0 ? taskParam : null;
  const [busy, setBusy] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);

  const queue = useQuery({
    queryKey: QUEUE_KEY,
    queryFn: fetchQueue,
    refetchInterval: QUEUE_REFRESH_MS,
    refetchOnWindowFocus: true,
    staleTime: 5_000,
  });
  const items = queue.data?.items;

  const select = useCallback(
    (taskId: number | null) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (taskId === null) next.delete('task');
          else next.set('task', String(taskId));
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // Coming back to the page with a task still held: open it rather than an empty panel.
  useEffect(() => {
    if (activeTaskId !== null || !items) return;
    const held = items.find((item) => item.heldByMe);
    if (held) select(held.id);
  }, [activeTaskId, items, select]);

  const refreshQueue = useCallback(
    () => queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
    [queryClient],
  );

  const next = useMutation({
    mutationFn: claimNextTask,
    onSuccess: (result) => {
      void refreshQueue();
      if (result.task) {
        select(result.task.id);
      } else {
        select(null);
        void message.info(t('workbench.queue.noneLeft'));
      }
    },
    onError: (error) => void message.error(errorMessage(t, error)),
  });

  const claim = useMutation({
    mutationFn: (item: QueueItem) => claimTask(item.id),
    onSuccess: (result) => {
      void refreshQueue();
      select(result.task.id);
    },
    onError: (error) => {
      void refreshQueue();
      if (isApiError(error, 'CONFLICT')) void message.warning(t('workbench.queue.claimConflict'));
      else void message.error(errorMessage(t, error));
    },
  });

  const claiming = next.isPending || claim.isPending;
  const nextCall = useCallback(() => {
    if (!busy && !claiming) next.mutate();
  }, [busy, claiming, next]);

  const pick = (item: QueueItem) => {
    if (item.heldByMe) select(item.id);
    else if (!busy) claim.mutate(item);
  };

  useShortcuts({
    n: nextCall,
    r: () => void refreshQueue(),
    '?': () => setHelpOpen((open) => !open),
  });

  const activeItem = items?.find((item) => item.id === activeTaskId) ?? null;

  return (
    <div data-testid="workbench">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} className="vd-page-title" style={{ marginBottom: 0 }}>
            {t('workbench.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('workbench.subtitle')}
            {queue.data ? ` · ${queue.data.day}` : ''}
          </Typography.Text>
        </div>
        <ShortcutHelp open={helpOpen} onOpenChange={setHelpOpen} />
      </Flex>
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} xl={8}>
          <QueueList
            items={items}
            error={queue.error}
            updatedAt={queue.dataUpdatedAt}
            refreshing={queue.isFetching}
            activeTaskId={activeTaskId}
            claiming={claiming}
            busy={busy}
            onPick={pick}
            onNext={nextCall}
            onRefresh={() => void refreshQueue()}
          />
        </Col>
        <Col xs={24} xl={16}>
          {activeTaskId === null ? (
            <EmptyPanel onNext={nextCall} claiming={claiming} />
          ) : (
            <CallPanel
              key={activeTaskId}
              taskId={activeTaskId}
              queueItem={activeItem}
              onBusyChange={setBusy}
              onFinished={() => {
                setBusy(false);
                void refreshQueue();
                next.mutate();
              }}
              onReleased={() => {
                setBusy(false);
                void refreshQueue();
                select(null);
              }}
              onClose={() => {
                setBusy(false);
                select(null);
              }}
            />
          )}
        </Col>
      </Row>
    </div>
  );
}
