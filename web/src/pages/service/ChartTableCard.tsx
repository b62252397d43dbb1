import { Card, Flex, Segmented } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CsvButton, type CsvExport } from './CsvButton';

export type { CsvExport } from './CsvButton';

type ChartTableCardProps = {
  title: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  csv: () => CsvExport;
  /** Prefix of the test ids: `<id>-view` (chart / table switch), `<id>-csv`. */
  testId: string;
  extra?: ReactNode;
};

/** A chart with the same figures as a table and a CSV download, for readers who need the numbers. */
export function ChartTableCard({ title, chart, table, csv, testId, extra }: ChartTableCardProps) {
  const { t } = useTranslation();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      title={title}
      data-testid={testId}
      extra={
        <Flex gap={8} align="center" wrap>
          {extra}
          <Segmented
            size="small"
            value={view}
            onChange={(value) => setView(value === 'table' ? 'table' : 'chart')}
            options={[
              { value: 'chart', label: t('service.common.chartView') },
              { value: 'table', label: t('service.common.tableView') },
            ]}
            data-testid={`${testId}-view`}
          />
          <CsvButton build={csv} testId={`${testId}-csv`} />
        </Flex>
      }
    >
      {view === 'chart' ? chart : table}
    </Card>
  );
}
