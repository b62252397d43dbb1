import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, Select, Skeleton, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchHotSpots, serviceKeys } from '../../../api/service';
import type { HotSpotCellKey } from '../../../api/types-service';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatNumber } from '../../../format/format';
import { CsvButton } from '../CsvButton';
import { HotSpotDrawer } from './HotSpotDrawer';
import { HotSpotHeatmap } from './HotSpotHeatmap';
import { HotSpotTable, hotSpotsCsv } from './HotSpotTable';
import { byStrength } from './hotSpotFormat';

const WEEK_CHOICES = [4, 8, 12, 26, 52] as const;
const DEFAULT_WEEKS = 12;

type HotSpotsTabProps = { onOpenWorkOrder: (id: number) => void };

/** Areas with unusually many complaints of one category in a week, tested against their own baseline. */
export function HotSpotsTab({ onOpenWorkOrder }: HotSpotsTabProps) {
  const { t, i18n } = useTranslation();
  const [weeks, setWeeks] = useState<number>(DEFAULT_WEEKS);
  const [chosenCategory, setCategory] = useState<string | null>(null);
  const [openCell, setOpenCell] = useState<HotSpotCellKey | null>(null);
  const report = useQuery({
    queryKey: serviceKeys.hotSpots(weeks, undefined),
    queryFn: () => fetchHotSpots(weeks),
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const ranked = useMemo(() => [...(data?.hotSpots ?? [])].sort(byStrength), [data]);
  // Until the user picks one, the map shows the category of the strongest hot spot.
  const category = chosenCategory ?? ranked[0]?.category ?? 'network_signal';
  const cellsTested = data?.weekReports.reduce((sum, w) => sum + w.cellsTested, 0) ?? 0;

  return (
    <Flex vertical gap={16} data-testid="hot-spots-tab">
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('service.hotSpots.weeks')}</Typography.Text>
        <Select
          style={{ width: 140 }}
          value={weeks}
          onChange={setWeeks}
          options={WEEK_CHOICES.map((n) => ({
            value: n,
            label: t('service.hotSpots.weeksOption', { count: n }),
          }))}
          data-testid="hot-spots-weeks"
        />
        {data && (
          <Typography.Text type="secondary" data-testid="hot-spots-summary">
            {t('service.hotSpots.summary', {
              until: data.until,
              hotSpots: formatNumber(data.hotSpots.length),
              cells: formatNumber(cellsTested),
              q: data.settings.q,
              version: data.settingsVersion,
            })}
          </Typography.Text>
        )}
      </Flex>
      {report.isError && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {!data && report.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {data && (
        <>
          <Card
            title={t('service.hotSpots.tableTitle')}
            data-testid="hot-spot-table-card"
            extra={
              <CsvButton
                build={() => hotSpotsCsv(t, i18n.language, ranked, data.until)}
                testId="hot-spot-table-csv"
              />
            }
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('service.hotSpots.tableHelp')}
            </Typography.Paragraph>
            <HotSpotTable
              hotSpots={ranked}
              onOpen={({ city, district, category, weekStart }) =>
                setOpenCell({ city, district, category, weekStart })
              }
            />
          </Card>
          <HotSpotHeatmap
            report={data}
            category={category}
            onCategoryChange={setCategory}
            onOpenCell={setOpenCell}
          />
        </>
      )}
      <HotSpotDrawer
        cell={openCell}
        onClose={() => setOpenCell(null)}
        onOpenWorkOrder={(id) => {
          setOpenCell(null);
          onOpenWorkOrder(id);
        }}
      />
    </Flex>
  );
}
