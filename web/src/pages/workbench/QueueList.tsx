import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Segmented, Skeleton, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../api/types-workbench';
import { ErrorAlert } from '../../components/ErrorAlert';
import { reasonText } from './reasonText';

type Filter = 'all' | 'claimed' | 'open';

type Props = {
  items: QueueItem[] | undefined;
  error: unknown;
  updatedAt: number;
  refreshing: boolean;
  activeTaskId: number | null;
  /** A claim or "next" is on its way: rows and the button wait. */
  claiming: boolean;
  /** A call is in progress on the active task: no new claim until its outcome is in. */
  busy: boolean;
  onPick: (item: QueueItem) => void;
  onNext: () => void;
  onRefresh: () => void;
};

/** My claimed tasks and the open ones I may take, best first, with "Next call" on top. */
export function QueueList(props: Props) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const { items } = props;
  const counts = useMemo(
    () => ({
      claimed: items?.filter((i) => i.heldByMe).length ?? 0,
      open: items?.filter((i) => !i.heldByMe).length ?? 0,
    }),
    [items],
  );
  const shown = (items ?? []).filter((item) =>
    filter === 'all' ? true : filter === 'claimed' ? item.heldByMe : !item.heldByMe,
  );

  return (
    <Card
      title={t('workbench.queue.title')}
      data-testid="queue"
      extra={
        <Tooltip title={t('workbench.shortcuts.refresh')}>
          <Button
            type="text"
            icon={<ReloadOutlined spin={props.refreshing} />}
            onClick={props.onRefresh}
            aria-label={t('common.refresh')}
            data-testid="queue-refresh"
          />
        </Tooltip>
      }
      styles={{ body: { padding: 12 } }}
    >
      <Tooltip title={t('workbench.queue.nextHint')}>
        <Button
          type="primary"
          size="large"
          block
          icon={<PhoneOutlined />}
          loading={props.claiming}
          disabled={props.busy}
          onClick={props.onNext}
          data-testid="next-call"
        >
          {t('workbench.queue.next')}{' '}
          <Typography.Text keyboard style={{ color: 'inherit' }}>
            N
          </Typography.Text>
        </Button>
      </Tooltip>
      <Flex justify="space-between" align="center" style={{ margin: '12px 0 8px' }} wrap gap={8}>
        <Segmented<Filter>
          size="small"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('workbench.queue.filterAll') },
            { value: 'claimed', label: `${t('workbench.queue.filterClaimed')} ${counts.claimed}` },
            { value: 'open', label: `${t('workbench.queue.filterOpen')} ${counts.open}` },
          ]}
        />
        {props.updatedAt > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('workbench.queue.refreshed', { time: dayjs(props.updatedAt).format('HH:mm:ss') })}
          </Typography.Text>
        )}
      </Flex>
      {props.error ? <ErrorAlert error={props.error} onRetry={props.onRefresh} /> : null}
      {!items && !props.error && <Skeleton active paragraph={{ rows: 6 }} />}
      {items && shown.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.queue.empty')} />
      )}
      <Flex vertical gap={8} data-testid="queue-list">
        {shown.map((item) => (
          <QueueRow
            key={item.id}
            item={item}
            active={item.id === props.activeTaskId}
            disabled={props.claiming || (props.busy && item.id !== props.activeTaskId)}
            onPick={() => props.onPick(item)}
          />
        ))}
      </Flex>
    </Card>
  );
}

type RowProps = { item: QueueItem; active: boolean; disabled: boolean; onPick: () => void };

function QueueRow({ item, active, disabled, onPick }: RowProps) {
  const { t } = useTranslation();
  const due = dayjs(item.dueAt);
  const dueNow = !due.isAfter(dayjs());
  const reasons = [...item.reasons]
    .sort((a, b) => reasonRank(a.code) - reasonRank(b.code))
    .map((reason) => reasonText(t, reason));
  const pick = () => {
    if (!disabled) onPick();
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a card-like row holding tags and text, not a plain button
    <div
      role="button"
      tabIndex={disabled ? -1 : 0}
      aria-pressed={active}
      aria-disabled={disabled}
      data-testid={`queue-task-${item.id}`}
      data-status={item.heldByMe ? 'claimed' : 'open'}
      onClick={pick}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          pick();
        }
      }}
      style={{
        border: `1px solid ${active ? '#1677ff' : '#f0f0f0'}`,
        background: active ? '#e6f4ff' : '#fff',
        borderRadius: 8,
        padding: '8px 10px',
        cursor: disabled ? 'not-allowed' : 'pointer',
        opacity: disabled && !active ? 0.6 : 1,
      }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Flex align="center" gap={6} style={{ minWidth: 0 }}>
          <Badge status={item.heldByMe ? 'processing' : 'default'} />
          <Typography.Text strong ellipsis>
            {item.nameMasked}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {item.msisdnMasked}
          </Typography.Text>
        </Flex>
        <Tag color={item.heldByMe ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
          {item.heldByMe ? t('workbench.queue.claimed') : t('workbench.queue.open')}
        </Tag>
      </Flex>
      <Flex gap={4} wrap style={{ marginTop: 6 }}>
        <Tag color={item.kind === 'callback' ? 'magenta' : 'geekblue'}>
          {t(`workbench.kind.${item.kind}`, { defaultValue: item.kind })}
        </Tag>
        {item.action && item.action !== item.kind && (
          <Tag>{t(`workbench.kind.${item.action}`, { defaultValue: item.action })}</Tag>
        )}
        <Tag color={item.ownedByMe ? 'green' : 'default'}>
          {item.ownedByMe ? t('workbench.queue.mine') : t('workbench.queue.team')}
        </Tag>
        {item.campaign && <Tag color="purple">{item.campaign.name}</Tag>}
        {item.offerCode && <Tag color="gold">{item.offerCode}</Tag>}
      </Flex>
      <Flex gap={12} wrap style={{ marginTop: 4, fontSize: 12 }}>
        <Typography.Text type={dueNow ? 'success' : 'warning'} style={{ fontSize: 12 }}>
          {dueNow
            ? `${t('workbench.queue.dueNow')} · ${t('workbench.queue.due', { time: due.format('HH:mm') })}`
            : t('workbench.queue.notYetDue', { time: due.format('MM-DD HH:mm') })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.attempts === 0
            ? t('workbench.queue.attemptsNone')
            : t('workbench.queue.attempts', { count: item.attempts + 1 })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.priority >= PINNED_PRIORITY
            ? t('workbench.queue.pinned')
            : t('workbench.queue.priority', { value: formatPriority(item.priority) })}
        </Typography.Text>
      </Flex>
      {reasons.length > 0 && (
        <Tooltip
          title={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {reasons.map((text, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: reasons are a fixed list per task
                <li key={index}>{text}</li>
              ))}
            </ul>
          }
        >
          <Typography.Paragraph
            type="secondary"
            ellipsis={{ rows: 2 }}
            style={{ margin: '4px 0 0', fontSize: 12 }}
            data-testid={`queue-task-${item.id}-reasons`}
          >
            {reasons.join('；')}
          </Typography.Paragraph>
        </Tooltip>
      )}
    </div>
  );
}

/** In the short row, "why now" (callback, retry, campaign) comes before "why this action". */
const WHY_NOW_FIRST = ['callback_requested', 'plan_callback', 'plan_retry', 'plan_overflow', 'risk'];
function reasonRank(code: string): number {
  const index = WHY_NOW_FIRST.indexOf(code);
  return index < 0 ? WHY_NOW_FIRST.length : index;
}

/** Callbacks are pinned above every planned call with a huge priority (planning CALLBACK_PRIORITY). */
const PINNED_PRIORITY = 100_000_000;

/** Priorities are expected values or scores of any size: show them short. */
function formatPriority(priority: number): string {
  if (Math.abs(priority) >= 1000) return Math.round(priority).toLocaleString();
  return String(Math.round(priority * 100) / 100);
}
