import { Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsumptionMeasure, SubscriberConsumption } from '../../api/consumption';
import { EChart } from '../../charts/EChart';
import { formatMonthShort } from '../../format/format';
import { codeLabel } from '../../i18n/codes';
import { peerBandOption } from './consumptionCharts';

const MEASURES: readonly ConsumptionMeasure[] = ['spendFen', 'minutes', 'dataMb'];

type PeerComparisonProps = { vsPeers: SubscriberConsumption['vsPeers'] };

/** The subscriber against the quartile band of peers (same tier and city), as an index of the median. */
export function PeerComparison({ vsPeers }: PeerComparisonProps) {
  const { t, i18n } = useTranslation();
  const option = useMemo(
    () =>
      peerBandOption(
        MEASURES.map((measure) => ({
          measure,
          label: t(`consumption.card.measure.${measure}`),
          peer: vsPeers[measure],
        })),
        {
          you: t('consumption.card.you'),
          median: t('consumption.card.median'),
          band: t('consumption.card.band'),
        },
      ),
    [vsPeers, t],
  );
  return (
    <Flex vertical gap={4} data-testid="consumption-vs-peers">
      <Typography.Text strong>
        {t('consumption.card.vsPeers', {
          month: formatMonthShort(vsPeers.month, i18n.language),
          peers: vsPeers.peers,
        })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {codeLabel(t, 'tier', vsPeers.tier)} · {vsPeers.city} ·{' '}
        {MEASURES.map((m) => {
          const position = vsPeers[m].position;
          return position
            ? `${t(`consumption.card.measure.${m}`)} ${t(`consumption.card.position.${position}`)}`
            : null;
        })
          .filter((text) => text !== null)
          .join(' / ')}
      </Typography.Text>
      <EChart option={option} height={170} />
    </Flex>
  );
}
