import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Col, Row, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dashboardKeys, fetchAgentsDashboard } from '../../api/dashboards';
import type { AgentRow, AgentsDashboard } from '../../api/types-dashboards';
import { formatNumber, formatPercent } from '../../format/format';
import { agentsOption } from './agentsOption';
import { DashboardCard } from './DashboardCard';
import { DashboardQuery } from './DashboardQuery';
import { type DashboardFilters, rangeQuery } from './dashboardFilters';

/** Agent KPIs over the period and the leaderboard by saves (a lead sees their own team). */
export function AgentsCard({ filters }: { filters: DashboardFilters }) {
  const params = rangeQuery(filters);
  const query = useQuery({
    queryKey: dashboardKeys.of('agents', params),
    queryFn: () => fetchAgentsDashboard(params),
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <DashboardQuery name="agents" query={query}>
      {(data) => <AgentsView data={data} />}
    </DashboardQuery>
  );
}

const seconds = (value: number | null) => (value === null ? '—' : formatNumber(Math.round(value)));

function AgentsView({ data }: { data: AgentsDashboard }) {
  const { t } = useTranslation();
  const option = useMemo(
    () =>
      agentsOption(
        data.leaderboard
          .slice(0, 15)
          .map((a) => ({ name: a.displayName, saves: a.saves, accepted: a.accepted })),
        { saves: t('dashboards.agents.saves'), accepted: t('dashboards.agents.accepted') },
      ),
    [data, t],
  );
  const { totals } = data;
  const header = (
    <Row gutter={16} style={{ marginBottom: 12 }} data-testid="dashboard-agents-kpis">
      <Col span={4}>
        <Statistic title={t('dashboards.agents.agents')} value={totals.agents} />
      </Col>
      <Col span={4}>
        <Statistic title={t('dashboards.agents.calls')} value={totals.calls} />
      </Col>
      <Col span={4}>
        <Statistic title={t('dashboards.agents.reachRate')} value={formatPercent(totals.reachRate)} />
      </Col>
      <Col span={4}>
        <Statistic title={t('dashboards.agents.acceptRate')} value={formatPercent(totals.acceptanceRate)} />
      </Col>
      <Col span={4}>
        <Statistic title={t('dashboards.agents.saves')} value={totals.saves} />
      </Col>
      <Col span={4}>
        <Statistic title={t('dashboards.agents.avgHandle')} value={seconds(totals.averageHandleSeconds)} />
      </Col>
    </Row>
  );
  const headers = [
    t('dashboards.agents.rank'),
    t('dashboards.agents.agent'),
    t('dashboards.agents.team'),
    t('dashboards.agents.calls'),
    t('dashboards.agents.reached'),
    t('dashboards.agents.reachRate'),
    t('dashboards.agents.accepted'),
    t('dashboards.agents.acceptRate'),
    t('dashboards.agents.saves'),
    t('dashboards.agents.avgHandle'),
    t('dashboards.agents.callbacks'),
    t('dashboards.agents.complaints'),
  ];
  return (
    <DashboardCard
      name="agents"
      title={`${t('dashboards.agents.title')} · ${data.from} ~ ${data.to}`}
      option={option}
      header={header}
      height={Math.max(280, Math.min(15, data.leaderboard.length) * 40 + 60)}
      empty={data.leaderboard.length === 0 ? t('dashboards.common.empty') : null}
      table={
        <Table<AgentRow>
          size="small"
          pagination={false}
          rowKey="agentUserId"
          dataSource={data.leaderboard}
          scroll={{ x: true }}
          columns={[
            {
              title: headers[0],
              dataIndex: 'rank',
              render: (rank: number) => (rank <= 3 ? <Tag color="gold">{rank}</Tag> : rank),
            },
            { title: headers[1], dataIndex: 'displayName' },
            { title: headers[2], dataIndex: 'teamName', render: (v: string | null) => v ?? '—' },
            { title: headers[3], dataIndex: 'calls', align: 'right', render: formatNumber },
            { title: headers[4], dataIndex: 'reached', align: 'right', render: formatNumber },
            {
              title: headers[5],
              dataIndex: 'reachRate',
              align: 'right',
              render: (v: number | null) => formatPercent(v),
            },
            { title: headers[6], dataIndex: 'accepted', align: 'right', render: formatNumber },
            {
              title: headers[7],
              dataIndex: 'acceptanceRate',
              align: 'right',
              render: (v: number | null) => formatPercent(v),
            },
            { title: headers[8], dataIndex: 'saves', align: 'right', render: formatNumber },
            { title: headers[9], dataIndex: 'averageHandleSeconds', align: 'right', render: seconds },
            { title: headers[10], dataIndex: 'callbacks', align: 'right', render: formatNumber },
            { title: headers[11], dataIndex: 'complaints', align: 'right', render: formatNumber },
          ]}
        />
      }
      csv={() => ({
        filename: `dashboard-agents-${data.from}-${data.to}.csv`,
        headers,
        rows: data.leaderboard.map((a) => [
          a.rank,
          a.displayName,
          a.teamName,
          a.calls,
          a.reached,
          a.reachRate,
          a.accepted,
          a.acceptanceRate,
          a.saves,
          a.averageHandleSeconds === null ? null : Math.round(a.averageHandleSeconds),
          a.callbacks,
          a.complaints,
        ]),
      })}
    />
  );
}
