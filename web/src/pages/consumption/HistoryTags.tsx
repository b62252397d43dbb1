import { Flex, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConsumptionMeasure, HistoryChange } from '../../api/consumption';

const MEASURES: readonly ConsumptionMeasure[] = ['spendFen', 'minutes', 'dataMb'];

type HistoryTagsProps = { vsHistory: Record<ConsumptionMeasure, HistoryChange> };

/** ▲/▼ per measure: the last month against the mean of the 3 months before it. */
export function HistoryTags({ vsHistory }: HistoryTagsProps) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap data-testid="consumption-vs-history">
      {MEASURES.map((measure) => {
        const change = vsHistory[measure];
        const label = t(`consumption.card.measure.${measure}`);
        if (change.changePct === null || change.direction === null) {
          return (
            <Tag key={measure} data-testid={`consumption-history-${measure}`}>
              {label}: {t('consumption.card.noBaseline')}
            </Tag>
          );
        }
        const arrow = change.direction === 'up' ? '▲' : change.direction === 'down' ? '▼' : '■';
        const color = change.direction === 'up' ? 'green' : change.direction === 'down' ? 'red' : 'default';
        const sign = change.changePct > 0 ? '+' : '';
        return (
          <Tooltip
            key={measure}
            title={`${change.last ?? '—'} / ${Math.round((change.baselineMean ?? 0) * 10) / 10}`}
          >
            <Tag color={color} data-testid={`consumption-history-${measure}`}>
              {label} {arrow} {sign}
              {change.changePct.toFixed(1)}%
            </Tag>
          </Tooltip>
        );
      })}
    </Flex>
  );
}
