import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { fetchClassifierEvaluation, serviceKeys } from '../../api/service';
import {
  CONTACT_TYPES,
  type ContactType,
  type Misclassification,
  type TypeMetrics,
} from '../../api/types-service';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatPercent } from '../../format/format';

type TypeRow = TypeMetrics & { type: ContactType };

/** How the rules in force do on the shipped labelled sample; the held-out part is the honest figure. */
export function ClassifierEvaluationPanel() {
  const { t } = useTranslation();
  const evaluation = useQuery({
    queryKey: serviceKeys.classifierEvaluation,
    queryFn: fetchClassifierEvaluation,
  });
  const data = evaluation.data;
  const typeLabel = (type: ContactType) => t(`codes.contactType.${type}`, { defaultValue: type });

  const typeColumns: ColumnsType<TypeRow> = [
    { key: 'type', title: t('service.settings.evaluation.type'), render: (_, row) => typeLabel(row.type) },
    { key: 'support', title: t('service.settings.evaluation.support'), align: 'right', dataIndex: 'support' },
    {
      key: 'precision',
      title: t('service.settings.evaluation.precision'),
      align: 'right',
      render: (_, row) => formatPercent(row.precision),
    },
    {
      key: 'recall',
      title: t('service.settings.evaluation.recall'),
      align: 'right',
      render: (_, row) => formatPercent(row.recall),
    },
  ];
  const errorColumns: ColumnsType<Misclassification> = [
    { key: 'text', title: t('service.settings.evaluation.note'), dataIndex: 'text' },
    {
      key: 'expected',
      title: t('service.settings.evaluation.expected'),
      render: (_, row) => typeLabel(row.expected),
    },
    { key: 'got', title: t('service.settings.evaluation.got'), render: (_, row) => typeLabel(row.got) },
    {
      key: 'split',
      title: t('service.settings.evaluation.split'),
      render: (_, row) => (
        <Tag color={row.split === 'heldout' ? 'purple' : 'default'}>
          {t(`service.settings.evaluation.splits.${row.split}`)}
        </Tag>
      ),
    },
  ];

  return (
    <Card title={t('service.settings.evaluation.title')} data-testid="classifier-evaluation">
      {evaluation.isError && (
        <ErrorAlert error={evaluation.error} onRetry={() => void evaluation.refetch()} />
      )}
      {!data && evaluation.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
      {data && (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">
            {t('service.settings.evaluation.subtitle', { version: data.rulesVersion })}
          </Typography.Text>
          <Row gutter={[16, 16]}>
            <Col span={8}>
              <Statistic
                title={t('service.settings.evaluation.heldout')}
                value={formatPercent(data.heldout.accuracy)}
                suffix={<Typography.Text type="secondary">n={data.heldout.size}</Typography.Text>}
                data-testid="classifier-accuracy-heldout"
              />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('service.settings.evaluation.overall')}
                value={formatPercent(data.overall.accuracy)}
                suffix={<Typography.Text type="secondary">n={data.overall.size}</Typography.Text>}
                data-testid="classifier-accuracy-overall"
              />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('service.settings.evaluation.tune')}
                value={formatPercent(data.tune.accuracy)}
                suffix={<Typography.Text type="secondary">n={data.tune.size}</Typography.Text>}
                data-testid="classifier-accuracy-tune"
              />
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('service.settings.evaluation.heldoutHelp')}
          </Typography.Text>
          <Table
            size="small"
            rowKey="type"
            columns={typeColumns}
            dataSource={CONTACT_TYPES.map((type) => ({ type, ...data.perType[type] }))}
            pagination={false}
            data-testid="classifier-per-type"
          />
          <Typography.Text data-testid="classifier-psychology">
            {t('service.settings.evaluation.psychology', data.psychology)}
          </Typography.Text>
          <Flex vertical gap={4}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('service.settings.evaluation.misclassified', { count: data.misclassifications.length })}
            </Typography.Title>
            <Table
              size="small"
              rowKey={(row) => `${row.split}:${row.text}`}
              columns={errorColumns}
              dataSource={data.misclassifications}
              pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
              data-testid="classifier-misclassified"
            />
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
