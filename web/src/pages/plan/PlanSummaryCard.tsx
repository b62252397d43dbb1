import { Alert, Card, Col, Descriptions, Empty, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Plan, PlanSummary } from '../../api/types-supervision';
import { formatDateTime, formatNumber, formatYuan } from '../../format/format';
import { CountTags } from './CountTags';

type CampaignRow = PlanSummary['chosen']['byCampaign'][number];

function teamLabel(t: (key: string, options?: Record<string, unknown>) => string, key: string): string {
  return key === 'none' ? t('plan.summary.noTeam') : t('plan.summary.team', { id: key });
}

/** What the plan chose and why the rest was left out: capacity, per campaign, overflow, refusals, timing. */
export function PlanSummaryCard({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const summary = plan.summary;
  if (plan.status === 'failed') {
    return <Alert type="error" showIcon title={t('plan.summary.failed')} description={plan.error} />;
  }
  if (!summary) {
    return (
      <Card>
        <Empty description={t('plan.summary.building')} />
      </Card>
    );
  }
  // The run reports a 'total' beside its stages; older summaries may not, so add the stages up then.
  const { total: reportedTotal, ...stageSeconds } = summary.seconds;
  let totalSeconds = reportedTotal ?? 0;
  if (reportedTotal === undefined) for (const seconds of Object.values(stageSeconds)) totalSeconds += seconds;

  return (
    <Card
      title={t('plan.summary.title', { id: plan.id })}
      extra={t('plan.summary.createdAt', { at: formatDateTime(plan.createdAt) })}
      data-testid="plan-summary"
    >
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('plan.summary.agents')} value={summary.capacity.agents} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('plan.summary.capacity')}
            value={summary.capacity.calls}
            suffix={`/ ${formatNumber(summary.capacity.shiftCalls)}`}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('plan.summary.chosen')}
            value={summary.chosen.total}
            styles={{ content: { color: '#1f5fbf' } }}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('plan.summary.unassigned')}
            value={summary.unassigned.total}
            styles={{ content: summary.unassigned.total > 0 ? { color: '#d46b08' } : {} }}
          />
        </Col>
      </Row>
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 16 }}
        styles={{ label: { width: 220 } }}
        items={[
          {
            key: 'funnel',
            label: t('plan.summary.funnel'),
            children: t('plan.summary.funnelValue', {
              candidates: formatNumber(summary.candidates),
              proposals: formatNumber(summary.proposals),
              chosen: formatNumber(summary.chosen.total),
            }),
          },
          {
            key: 'kinds',
            label: t('plan.summary.chosenKinds'),
            children: t('plan.summary.chosenKindsValue', {
              callbacks: formatNumber(summary.chosen.callbacks),
              retries: formatNumber(summary.chosen.retries),
              overflow: formatNumber(summary.chosen.overflow),
            }),
          },
          {
            key: 'queued',
            label: t('plan.summary.alreadyQueued'),
            children: t('plan.summary.alreadyQueuedValue', {
              queued: formatNumber(summary.capacity.alreadyQueued),
              replaced: formatNumber(summary.replaced),
            }),
          },
          {
            key: 'byAction',
            label: t('plan.summary.byAction'),
            children: (
              <CountTags
                counts={summary.chosen.byAction}
                label={(k) => t(`plan.actions.${k}`, { defaultValue: k })}
              />
            ),
          },
          {
            key: 'overflow',
            label: t('plan.summary.overflowByTeam'),
            children: <CountTags counts={summary.overflowByTeam} label={(k) => teamLabel(t, k)} />,
          },
          {
            key: 'unassignedByTeam',
            label: t('plan.summary.unassignedByTeam'),
            children: <CountTags counts={summary.unassigned.byTeam} label={(k) => teamLabel(t, k)} />,
          },
          {
            key: 'refusals',
            label: t('plan.summary.refusals'),
            children: (
              <span data-testid="plan-refusals">
                <CountTags
                  counts={summary.policyRefusals}
                  label={(k) => t(`plan.refusals.${k}`, { defaultValue: k })}
                />
              </span>
            ),
          },
          {
            key: 'skipped',
            label: t('plan.summary.skipped'),
            children: (
              <CountTags
                counts={summary.skipped}
                label={(k) => t(`plan.skipped.${k}`, { defaultValue: k })}
              />
            ),
          },
          {
            key: 'basis',
            label: t('plan.summary.basis'),
            children: t('plan.summary.basisValue', {
              run: summary.scoringRunId ?? '—',
              settings: summary.decisionSettingsVersion ?? '—',
              minimum: formatYuan(summary.minExpectedValueFen),
            }),
          },
          {
            key: 'seconds',
            label: t('plan.summary.seconds', { total: totalSeconds.toFixed(2) }),
            children: (
              <CountTags
                counts={stageSeconds}
                label={(k) => t(`plan.stages.${k}`, { defaultValue: k })}
                format={(seconds) => `${seconds.toFixed(2)} s`}
              />
            ),
          },
        ]}
      />
      <Table<CampaignRow>
        style={{ marginTop: 16 }}
        rowKey="campaignId"
        size="small"
        pagination={false}
        dataSource={summary.chosen.byCampaign}
        locale={{ emptyText: t('plan.summary.noCampaigns') }}
        columns={[
          { key: 'name', title: t('plan.summary.campaign'), dataIndex: 'name' },
          {
            key: 'kind',
            title: t('campaigns.list.kind'),
            render: (_, row) => t(`campaigns.kind.${row.kind}`, { defaultValue: row.kind }),
          },
          {
            key: 'quota',
            title: t('campaigns.list.dailyQuota'),
            align: 'right',
            render: (_, row) => formatNumber(row.dailyQuota),
          },
          {
            key: 'chosen',
            title: t('plan.summary.chosen'),
            align: 'right',
            render: (_, row) => formatNumber(row.chosen),
          },
        ]}
      />
    </Card>
  );
}
