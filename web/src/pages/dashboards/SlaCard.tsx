import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardKeys, fetchSlaDashboard } from '../../api/dashboards';
import type { SlaReport, SlaReportBy } from '../../api/types-dashboards';
import { formatPercent } from '../../format/format';
import { SlaTable, slaCsv } from '../service/sla/SlaTable';
import { type SlaBar, slaChartOption } from '../service/sla/slaChartOption';
import { slaRowLabel } from '../service/sla/slaFormat';
import { DashboardCard } from './DashboardCard';
import { DashboardQuery } from './DashboardQuery';
import { type DashboardFilters, rangeQuery } from './dashboardFilters';

const GROUPINGS: readonly SlaReportBy[] = ['category', 'group', 'level'];

/**
 * On-time rate of the tickets opened in the period against the 98% target: the service page's chart
 * and table (same option builder, same CSV), here beside the other dashboards.
 */
export function SlaCard({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<SlaReportBy>('category');
  const params = { ...rangeQuery(filters), by };
  const query = useQuery({
    queryKey: dashboardKeys.of('sla', params),
    queryFn: () => fetchSlaDashboard(params),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const grouping = (
    <Segmented
      size="small"
      value={by}
      onChange={(value) => setBy(GROUPINGS.find((g) => g === value) ?? 'category')}
      options={GROUPINGS.map((g) => ({ value: g, label: t(`service.sla.by.${g}`) }))}
      data-testid="dashboard-sla-by"
    />
  );
  return (
    <DashboardQuery name="sla" query={query}>
      {(data) => <SlaView data={data} grouping={grouping} />}
    </DashboardQuery>
  );
}

function SlaView({ data, grouping }: { data: SlaReport; grouping: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const target = formatPercent(data.target, 0);
  const targetLabel = t('dashboards.sla.targetLine', { target });
  const option = useMemo(() => {
    const bars: SlaBar[] = data.rows.map((row) => ({
      label: slaRowLabel(row, i18n.language),
      rate: row.onTimeRate,
      interval: row.interval,
      targetMet: row.targetMet,
      onTime: row.closedOnTime,
      decided: row.decided,
    }));
    // The service page's chart, with room on the right for the target line's label in both languages.
    return {
      ...slaChartOption(bars, data.target, targetLabel),
      grid: { left: 8, right: 80, top: 24, bottom: 8, containLabel: true },
    };
  }, [data, targetLabel, i18n.language]);
  return (
    <DashboardCard
      name="sla"
      title={`${t('dashboards.sla.title', { target })} · ${data.from} ~ ${data.to} · ${t(
        'dashboards.sla.overall',
        {
          rate: formatPercent(data.overall.onTimeRate),
        },
      )}`}
      extra={grouping}
      option={option}
      empty={data.rows.length === 0 ? t('dashboards.common.empty') : null}
      note={t('dashboards.sla.note', { target })}
      table={<SlaTable rows={data.rows} by={data.by} />}
      csv={() => slaCsv(t, i18n.language, data)}
    />
  );
}
