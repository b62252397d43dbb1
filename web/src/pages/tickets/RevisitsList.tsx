import { Card, Empty, List, Rate, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketRevisit } from '../../api/types-tickets';
import { formatDateTime } from '../../format/format';

const STATUS_COLORS: Record<string, string> = {
  pending: 'processing',
  answered: 'green',
  unanswered: 'default',
  cancelled: 'default',
};

/** Satisfaction revisits after closing: channel, status, the score (1–5) and the comment. */
export function RevisitsList({ revisits }: { revisits: TicketRevisit[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('tickets.revisits.title')} size="small" data-testid="ticket-revisits">
      {revisits.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.revisits.none')} />
      ) : (
        <List
          size="small"
          dataSource={revisits}
          renderItem={(revisit) => (
            <List.Item
              style={{ paddingInline: 0, display: 'block' }}
              data-testid={`ticket-revisit-${revisit.id}`}
              data-status={revisit.status}
              data-score={revisit.score ?? ''}
            >
              <div>
                <Tag>
                  {t(`tickets.revisits.channel.${revisit.channel}`, { defaultValue: revisit.channel })}
                </Tag>
                <Tag color={STATUS_COLORS[revisit.status]}>
                  {t(`tickets.revisits.status.${revisit.status}`, { defaultValue: revisit.status })}
                </Tag>
                {revisit.score !== null && <Rate disabled value={revisit.score} style={{ fontSize: 14 }} />}
              </div>
              {revisit.comment && (
                <Typography.Paragraph style={{ margin: '4px 0 0' }}>{revisit.comment}</Typography.Paragraph>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(revisit.createdAt)}
                {revisit.answeredAt && ` → ${formatDateTime(revisit.answeredAt)}`}
              </Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
