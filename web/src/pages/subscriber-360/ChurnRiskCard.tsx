import { Card, Divider, Empty, Flex, List, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Score360 } from '../../api/types-360';
import { formatPercent, RISK_COLORS } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

const BAND_STROKE: Record<string, string> = {
  low: '#52c41a',
  medium: '#faad14',
  high: '#fa8c16',
  very_high: '#f5222d',
};

/** Probability gauge, risk band, the model's reasons and the fired signals with their evidence. */
export function ChurnRiskCard({ score }: { score: Score360 | null }) {
  const { t } = useTranslation();
  if (!score) {
    return (
      <Card title={t('s360.risk.title')} style={{ height: '100%' }}>
        <Empty description={t('s360.risk.notScored')} data-testid="not-scored">
          <Typography.Text type="secondary">{t('s360.risk.notScoredSub')}</Typography.Text>
        </Empty>
      </Card>
    );
  }
  const percent = Math.round(score.probability * 1000) / 10;
  return (
    <Card title={t('s360.risk.title')} style={{ height: '100%' }}>
      <Flex align="center" justify="space-around" gap={16} wrap>
        <Progress
          type="dashboard"
          percent={percent}
          // At 100% antd would switch to its green "success" look: wrong for a churn risk.
          status="normal"
          strokeColor={BAND_STROKE[score.riskBand]}
          format={() => (
            <span
              className="vd-big-number"
              style={{ fontSize: 28, color: BAND_STROKE[score.riskBand] }}
              data-testid="churn-probability"
            >
              {formatPercent(score.probability)}
            </span>
          )}
        />
        <Flex vertical gap={8} align="center">
          <Typography.Text type="secondary">{t('s360.risk.band')}</Typography.Text>
          <Tag
            color={RISK_COLORS[score.riskBand]}
            style={{ fontSize: 16, padding: '4px 12px', marginInlineEnd: 0 }}
          >
            {codeLabel(t, 'riskBand', score.riskBand)}
          </Tag>
        </Flex>
      </Flex>
      <Divider titlePlacement="start" plain>
        {t('s360.risk.reasons')}
      </Divider>
      <List
        size="small"
        dataSource={score.reasons}
        locale={{ emptyText: t('s360.risk.noReasons') }}
        renderItem={(reason) => (
          <List.Item>
            <Typography.Text>
              <span style={{ color: reason.contribution >= 0 ? '#cf1322' : '#389e0d', marginInlineEnd: 6 }}>
                {reason.contribution >= 0 ? '▲' : '▼'}
              </span>
              {reason.text}
            </Typography.Text>
          </List.Item>
        )}
      />
      <Divider titlePlacement="start" plain>
        {t('s360.risk.signals')}
      </Divider>
      <List
        size="small"
        dataSource={score.signals}
        locale={{ emptyText: t('s360.risk.noSignals') }}
        data-testid="signal-list"
        renderItem={(signal) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Flex gap={6} align="center" wrap>
                  <Tag color="volcano">{codeLabel(t, 'signal', signal.code)}</Tag>
                  <span>{signal.title}</span>
                </Flex>
              }
              description={signal.evidence}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
