import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Result, Segmented, Select, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { fetchServiceReport, type ReportLanguage, serviceReportPdfUrl } from '../../api/service-report';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n';
import { ServiceReportDocument } from './ServiceReportDocument';

// A4 printing: the console's navigation and this page's toolbar are left off the sheet, and the
// report body fills the printable width. Mounted only with this page, so it touches no other page.
const PRINT_CSS = `
.service-report-sheet { max-width: 210mm; margin: 0 auto; background: #fff; }
@media print {
  @page { size: A4; margin: 12mm; }
  .ant-layout-sider, .ant-layout-header, .service-report-toolbar { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .service-report-card { box-shadow: none !important; border: none !important; }
  .service-report-card > .ant-card-body { padding: 0 !important; }
  .service-report-sheet .ant-divider { break-after: avoid; }
}
`;

function toReportLanguage(value: string | null): ReportLanguage | null {
  return value === 'zh-CN' || value === 'en' ? value : null;
}

/** The printable quarterly one-to-one service report of one subscriber (route /subscribers/:id/service-report). */
export function ServiceReportPage() {
  const { i18n } = useTranslation();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const [search, setSearch] = useSearchParams();
  const lang = toReportLanguage(search.get('lang')) ?? currentLanguage();
  const quarter = search.get('quarter') ?? undefined;
  // The report's own language, not the console's: a printed report is in one language throughout.
  const t = i18n.getFixedT(lang);
  const result = useQuery({
    queryKey: ['subscribers', 'service-report', id, quarter ?? 'latest', lang],
    queryFn: () => fetchServiceReport(id, { quarter, lang }),
    enabled: valid,
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === id ? previous : undefined),
  });

  const handleChange = (key: 'quarter' | 'lang', value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    setSearch(next, { replace: true });
  };
  const handlePrint = () => window.print();

  if (!valid || isApiError(result.error, 'NOT_FOUND')) {
    return (
      <div data-testid="service-report-page">
        <Result status="404" title={t('serviceReport.notFound')} />
      </div>
    );
  }
  const report = result.data;
  return (
    <div data-testid="service-report-page">
      <style>{PRINT_CSS}</style>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Flex className="service-report-toolbar" justify="space-between" align="center" wrap gap={8}>
          <Link to={`/subscribers/${id}`}>
            <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
              {t('serviceReport.back')}
            </Button>
          </Link>
          <Flex align="center" wrap gap={8}>
            <Select
              aria-label={t('serviceReport.quarter')}
              style={{ minWidth: 130 }}
              value={report?.quarter.code ?? quarter}
              options={(report?.availableQuarters ?? []).map((code) => ({ value: code, label: code }))}
              onChange={(value: string) => handleChange('quarter', value)}
              data-testid="service-report-quarter"
            />
            <Segmented
              aria-label={t('serviceReport.language')}
              value={lang}
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'English' },
              ]}
              onChange={(value) => handleChange('lang', String(value))}
              data-testid="service-report-lang"
            />
            <Button
              icon={<FilePdfOutlined />}
              href={serviceReportPdfUrl(id, { quarter: report?.quarter.code ?? quarter, lang })}
              target="_blank"
              data-testid="service-report-pdf"
            >
              {t('serviceReport.downloadPdf')}
            </Button>
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              onClick={handlePrint}
              data-testid="service-report-print"
            >
              {t('serviceReport.print')}
            </Button>
          </Flex>
        </Flex>
        {result.isError && <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />}
        <Card className="service-report-card">
          {report ? (
            <ServiceReportDocument report={report} t={t} />
          ) : (
            <Skeleton active paragraph={{ rows: 14 }} />
          )}
        </Card>
      </Space>
    </div>
  );
}
