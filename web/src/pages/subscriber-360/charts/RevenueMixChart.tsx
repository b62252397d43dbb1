import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevenueMix } from '../../../api/types-360';
import { EChart } from '../../../charts/EChart';
import { codeLabel } from '../../../i18n/codes';

const PARTS = ['voice', 'data', 'valueAdded', 'other'] as const;
const COLORS = ['#1f5fbf', '#13c2c2', '#faad14', '#bfbfbf'];

export function RevenueMixChart({ mix }: { mix: RevenueMix }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      color: COLORS,
      tooltip: { trigger: 'item', formatter: '{b}: {d}%' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['42%', '68%'],
          center: ['50%', '45%'],
          // One decimal everywhere (was 2.2% next to 18.92%), short leader lines so no label is cut off.
          percentPrecision: 1,
          label: { formatter: '{d}%', overflow: 'none' },
          labelLine: { length: 8, length2: 8 },
          data: PARTS.map((part) => ({
            name: codeLabel(t, 'revenueMix', part),
            value: Math.round(mix[part] * 1000) / 10,
          })),
        },
      ],
    }),
    [mix, t],
  );
  return <EChart option={option} height={240} data-testid="chart-revenue-mix" />;
}
