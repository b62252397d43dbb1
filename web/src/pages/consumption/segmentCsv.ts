import type { TFunction } from 'i18next';
import type { SegmentConsumption, SegmentRow } from '../../api/consumption';
import { codeLabel } from '../../i18n/codes';
import type { CsvExport } from '../service/CsvButton';

const yuan = (fen: number | null) => (fen === null ? null : (Math.round(fen) / 100).toFixed(2));

/** The segment table as CSV: one row per segment, then the total; money in yuan, shares as fractions. */
export function segmentsCsv(t: TFunction, data: SegmentConsumption): CsvExport {
  const c = (key: string) => t(`consumption.page.columns.${key}`);
  const headers = [
    c('tier'),
    c('city'),
    c('subscribers'),
    c('arpuMean'),
    c('arpuMedian'),
    c('voice'),
    c('data'),
    c('valueAdded'),
    c('voiceShare'),
    c('minutesMedian'),
    c('dataMbMedian'),
    ...data.months.map((month) => `${month} ¥`),
    ...data.months.slice(1).map((month) => `${month} %`),
  ];
  const line = (row: SegmentRow, total: boolean) => [
    total ? t('consumption.page.overall') : codeLabel(t, 'tier', row.tier),
    total ? '' : row.city,
    row.subscribers,
    yuan(row.arpuMeanFen),
    yuan(row.arpuMedianFen),
    yuan(row.revenue.voiceFen),
    yuan(row.revenue.dataFen),
    yuan(row.revenue.valueAddedFen),
    row.revenue.voiceShare === null ? null : row.revenue.voiceShare.toFixed(4),
    row.minutesMedian,
    row.dataMbMedian,
    ...row.spendFenByMonth.map(yuan),
    ...row.spendChangePct,
  ];
  const rows = data.segments.map((row) => line(row, false));
  if (data.overall) rows.push(line(data.overall, true));
  return { filename: `consumption-segments-${data.asOf ?? 'none'}.csv`, headers, rows };
}
