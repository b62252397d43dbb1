import { Progress, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TargetMetric, TargetStatus } from '../../api/targets';
import { formatTargetValue } from './targetFormat';

type TargetProgressBarProps = {
  targetId: number;
  metric: TargetMetric;
  achieved: number;
  expected: number;
  status: TargetStatus;
};

const STROKE = { ahead: '#52c41a', on_track: '#1677ff', behind: '#ff4d4f' } as const;

/** Achieved against the pro-rata expectation to date; full at the expectation. */
export function TargetProgressBar({ targetId, metric, achieved, expected, status }: TargetProgressBarProps) {
  const { t } = useTranslation();
  const percent = expected > 0 ? Math.round((achieved / expected) * 100) : achieved > 0 ? 100 : 0;
  return (
    <Tooltip
      title={`${t('targets.achieved')} ${formatTargetValue(metric, achieved)} / ${t('targets.expected')} ${formatTargetValue(metric, expected)}`}
    >
      <div data-testid={`target-progress-${targetId}`} style={{ minWidth: 160 }}>
        <Progress
          percent={Math.min(percent, 100)}
          strokeColor={STROKE[status]}
          format={() => `${formatTargetValue(metric, achieved)} / ${formatTargetValue(metric, expected)}`}
          size="small"
        />
      </div>
    </Tooltip>
  );
}
