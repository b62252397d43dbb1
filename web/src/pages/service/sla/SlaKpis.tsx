import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaReportRow } from '../../../api/types-service';
import { formatNumber, formatPercent } from '../../../format/format';
import { KpiCard } from '../../campaigns/results/KpiCard';
import { intervalText, targetColor } from './slaFormat';

const SPAN = { xs: 24, md: 8 } as const;

/** The period at a glance: on-time rate against the target, breaches still open, tickets closed. */
export function SlaKpis({ overall }: { overall: SlaReportRow }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      <Col {...SPAN}>
        <KpiCard
          testId="sla-kpi-on-time"
          title={t('service.sla.kpiOnTime')}
          help={t('service.sla.kpiOnTimeHelp')}
          value={overall.onTimeRate === null ? null : formatPercent(overall.onTimeRate)}
          color={targetColor(overall.targetMet)}
          interval={overall.interval ? intervalText(overall.interval) : null}
          detail={t('service.sla.kpiOnTimeDetail', {
            onTime: formatNumber(overall.closedOnTime),
            decided: formatNumber(overall.decided),
            target: formatPercent(overall.target, 0),
          })}
          note={overall.onTimeRate === null ? t('service.sla.noVerdicts') : null}
        />
      </Col>
      <Col {...SPAN}>
        <KpiCard
          testId="sla-kpi-open-breached"
          title={t('service.sla.kpiOpenBreached')}
          help={t('service.sla.kpiOpenBreachedHelp')}
          value={formatNumber(overall.openBreached)}
          color={overall.openBreached > 0 ? '#cf1322' : undefined}
          detail={t('service.sla.kpiOpenOnTrack', { count: overall.openOnTrack })}
        />
      </Col>
      <Col {...SPAN}>
        <KpiCard
          testId="sla-kpi-closed"
          title={t('service.sla.kpiClosed')}
          value={formatNumber(overall.closed)}
          detail={t('service.sla.kpiClosedDetail', { total: formatNumber(overall.total) })}
        />
      </Col>
    </Row>
  );
}
