import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, List, Row, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fetchLeaderboard, targetKeys } from '../../api/targets';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../format/format';

type TopPerformersCardProps = { month: string; onMonthChange: (month: string) => void };

const PLACE_COLORS = ['gold', 'default', 'orange'] as const;

/** 本月之星: the month's top agents per metric; tied agents share a place. */
export function TopPerformersCard({ month, onMonthChange }: TopPerformersCardProps) {
  const { t } = useTranslation();
  const board = useQuery({ queryKey: targetKeys.leaderboard(month), queryFn: () => fetchLeaderboard(month) });
  return (
    <Card
      data-testid="targets-leaderboard"
      title={t('targets.leaderboard')}
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(value) => value && onMonthChange(value.format('YYYY-MM'))}
        />
      }
    >
      {board.isError && <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />}
      <Row gutter={16}>
        {(board.data?.metrics ?? []).map((entry) => (
          <Col key={entry.metric} xs={24} md={8}>
            <Typography.Title level={5}>{t(`targets.metric.${entry.metric}`)}</Typography.Title>
            {entry.leaders.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.noLeaders')} />
            ) : (
              <List
                size="small"
                dataSource={entry.leaders}
                renderItem={(leader) => (
                  <List.Item key={leader.agentUserId}>
                    <Tag color={PLACE_COLORS[leader.rank - 1] ?? 'default'}>
                      {t('targets.rank', { rank: leader.rank })}
                    </Tag>
                    <span style={{ flex: 1 }}>{leader.displayName}</span>
                    <strong>{formatNumber(leader.value)}</strong>
                  </List.Item>
                )}
              />
            )}
          </Col>
        ))}
      </Row>
    </Card>
  );
}
