import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { type CsvCell, downloadCsv, toCsv } from './csv';

export type CsvExport = { filename: string; headers: string[]; rows: CsvCell[][] };

/** Downloads the figures as CSV; built on click, so a large table is only serialised when asked for. */
export function CsvButton({ build, testId }: { build: () => CsvExport; testId: string }) {
  const { t } = useTranslation();
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      onClick={() => {
        const { filename, headers, rows } = build();
        downloadCsv(filename, toCsv(headers, rows));
      }}
      data-testid={testId}
    >
      {t('service.common.csv')}
    </Button>
  );
}
