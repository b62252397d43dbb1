import { Descriptions, Divider, Table, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ServiceReport } from '../../api/service-report';
import { formatDate, formatYuan } from '../../format/format';
import { BillTrendChart } from './BillTrendChart';

type ServiceReportDocumentProps = { report: ServiceReport; t: TFunction };

function change(ratio: number | null): string {
  if (ratio === null) return '';
  const rounded = Math.round(ratio * 100);
  return ` (${rounded > 0 ? '+' : ''}${rounded}%)`;
}

const gb = (mb: number | null) => (mb === null ? '—' : `${(mb / 1024).toFixed(1)} GB`);
const mins = (m: number | null) => (m === null ? '—' : `${Math.round(m)}`);

/**
 * The report body, laid out for an A4 sheet: the same content and order as the server's PDF. `t` is
 * fixed to the report's language so a printed report never mixes languages.
 */
export function ServiceReportDocument({ report, t }: ServiceReportDocumentProps) {
  const { usage, subscriber: s } = report;
  const rows = [
    {
      key: 'spend',
      measure: t('serviceReport.spend'),
      current: formatYuan(usage.current.spendFen),
      previous: formatYuan(usage.previous.spendFen) + change(usage.vsPrevious.spend),
      peers: formatYuan(usage.peers.spendFen) + change(usage.vsPeers.spend),
    },
    {
      key: 'minutes',
      measure: t('serviceReport.minutes'),
      current: mins(usage.current.minutes),
      previous: mins(usage.previous.minutes) + change(usage.vsPrevious.minutes),
      peers: mins(usage.peers.minutes) + change(usage.vsPeers.minutes),
    },
    {
      key: 'data',
      measure: t('serviceReport.data'),
      current: gb(usage.current.dataMb),
      previous: gb(usage.previous.dataMb) + change(usage.vsPrevious.dataMb),
      peers: gb(usage.peers.dataMb) + change(usage.vsPeers.dataMb),
    },
  ];
  return (
    <article className="service-report-sheet">
      <Typography.Text type="secondary">{report.manager.operatorName}</Typography.Text>
      <Typography.Title level={2} data-testid="service-report-title" style={{ marginTop: 4 }}>
        {report.text.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 5 }}>
        <Descriptions.Item label={t('serviceReport.subscriber')}>{s.nameMasked}</Descriptions.Item>
        <Descriptions.Item label={t('serviceReport.number')}>{s.msisdnMasked}</Descriptions.Item>
        <Descriptions.Item label={t('serviceReport.vipLevel')}>
          {t(`serviceReport.vipLevels.${s.vipLevel}`, { defaultValue: s.vipLevel })}
        </Descriptions.Item>
        <Descriptions.Item label={t('serviceReport.plan')}>{s.planName}</Descriptions.Item>
        <Descriptions.Item label={t('serviceReport.city')}>{s.city}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph>{report.text.greeting}</Typography.Paragraph>

      <Divider titlePlacement="start">{t('serviceReport.usage')}</Divider>
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('serviceReport.measure'), dataIndex: 'measure' },
          { title: t('serviceReport.thisQuarter'), dataIndex: 'current' },
          { title: t('serviceReport.previousQuarter'), dataIndex: 'previous' },
          { title: t('serviceReport.peers'), dataIndex: 'peers' },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 12 }}>{report.text.usageSummary}</Typography.Paragraph>
      {report.text.mixSummary && <Typography.Paragraph>{report.text.mixSummary}</Typography.Paragraph>}
      {report.text.peerSummary && <Typography.Paragraph>{report.text.peerSummary}</Typography.Paragraph>}

      <Divider titlePlacement="start">{t('serviceReport.billTrend')}</Divider>
      <BillTrendChart trend={report.billTrend} language={report.lang} spendLabel={t('serviceReport.spend')} />

      <Divider titlePlacement="start">{t('serviceReport.planAdvice')}</Divider>
      <Typography.Paragraph>{report.text.adviceSummary}</Typography.Paragraph>

      <Divider titlePlacement="start">{t('serviceReport.benefits')}</Divider>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('serviceReport.acceptedOffers')}>
          {report.benefits.acceptedOffers.length === 0
            ? t('serviceReport.none')
            : report.benefits.acceptedOffers
                .map((o) => `${o.name}（${formatDate(o.acceptedAt)}）`)
                .join('、')}
        </Descriptions.Item>
        <Descriptions.Item label={t('serviceReport.careContacts')}>
          {t('serviceReport.times', { count: report.benefits.careContacts })}
        </Descriptions.Item>
        <Descriptions.Item label={t('serviceReport.ticketsResolved')}>
          {t('serviceReport.items', { count: report.benefits.ticketsResolved })}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph>{report.text.benefitsSummary}</Typography.Paragraph>

      <Divider titlePlacement="start">{t('serviceReport.manager')}</Divider>
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('serviceReport.managerName')}>
          {report.manager.displayName ?? t('serviceReport.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('serviceReport.serviceNumber')}>
          {report.manager.serviceNumber}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph>{report.text.managerLine}</Typography.Paragraph>
      <Typography.Paragraph>{report.text.closing}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('serviceReport.footer')}
      </Typography.Text>
    </article>
  );
}
