import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignResults, Rate } from '../../../api/types-supervision';
import { formatNumber, formatPercent, formatYuan } from '../../../format/format';
import { KpiCard } from './KpiCard';
import {
  formatPoints,
  noteText,
  pointsIntervalText,
  rateIntervalText,
  yuanIntervalText,
} from './resultFormat';
import { upliftColor } from './upliftOption';

const SPAN = { xs: 24, sm: 12, xl: 8, xxl: 4 } as const;

/** The six figures of a campaign's results, each with its 95% interval or the reason it has none. */
export function ResultsKpis({ results }: { results: CampaignResults }) {
  const { t } = useTranslation();
  const rateCard = (key: 'contactRate' | 'reachRate' | 'acceptanceRate', rate: Rate) => (
    <Col {...SPAN}>
      <KpiCard
        testId={`result-${key}`}
        title={t(`campaigns.results.${key}`)}
        help={t(`campaigns.results.${key}Help`)}
        value={rate.rate === null ? null : formatPercent(rate.rate)}
        interval={rate.rate === null ? null : rateIntervalText(t, rate.interval)}
        detail={t('campaigns.results.ofTrials', {
          events: formatNumber(rate.events),
          trials: formatNumber(rate.trials),
        })}
        note={rate.trials === 0 ? t('campaigns.results.noTrials') : null}
      />
    </Col>
  );

  const uplift = results.saveRateUplift;
  const arpu = results.incrementalArpu;
  const cost = results.costPerSave;
  const { treatment, holdout } = results.churn;

  return (
    <Row gutter={[16, 16]}>
      {rateCard('contactRate', results.contactRate)}
      {rateCard('reachRate', results.reachRate)}
      {rateCard('acceptanceRate', results.acceptanceRate)}
      <Col {...SPAN}>
        <KpiCard
          testId="result-uplift"
          title={t('campaigns.results.saveRate')}
          help={t('campaigns.results.saveRateHelp')}
          value={uplift ? formatPoints(t, uplift.difference) : null}
          color={uplift ? upliftColor(uplift.interval) : undefined}
          interval={uplift ? pointsIntervalText(t, uplift.interval) : null}
          detail={t('campaigns.results.churnPerArm', {
            treatment: formatPercent(treatment.rate),
            holdout: formatPercent(holdout.rate),
          })}
          note={uplift ? null : t('campaigns.results.notEnoughData')}
        />
      </Col>
      <Col {...SPAN}>
        <KpiCard
          testId="result-arpu"
          title={t('campaigns.results.incrementalArpu')}
          help={t('campaigns.results.incrementalArpuHelp')}
          value={'note' in arpu ? null : formatYuan(arpu.difference)}
          interval={'note' in arpu ? null : yuanIntervalText(t, arpu.interval)}
          detail={
            'note' in arpu
              ? null
              : t('campaigns.results.arpuChanged', {
                  treatment: formatNumber(arpu.treatedChanged),
                  holdout: formatNumber(arpu.holdoutChanged),
                })
          }
          note={'note' in arpu ? noteText(t, arpu.note) : null}
        />
      </Col>
      <Col {...SPAN}>
        <KpiCard
          testId="result-cost-per-save"
          title={t('campaigns.results.costPerSave')}
          help={t('campaigns.results.costPerSaveHelp')}
          value={cost.estimateFen === null ? null : formatYuan(cost.estimateFen)}
          interval={'interval' in cost ? yuanIntervalText(t, cost.interval) : null}
          detail={t('campaigns.results.offerCost', { cost: formatYuan(cost.totalOfferCostFen) })}
          note={'note' in cost ? noteText(t, cost.note) : null}
        />
      </Col>
    </Row>
  );
}
