import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Empty, Flex, Select, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fetchPlan, fetchPlans, svKeys } from '../../api/supervision';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUrlQuery } from '../../components/useUrlQuery';
import { formatDateTime, formatNumber } from '../../format/format';
import { AgentKpiTable } from './AgentKpiTable';
import { PlanBuilder } from './PlanBuilder';
import { PlanProgressTable } from './PlanProgressTable';
import { PlanSummaryCard } from './PlanSummaryCard';

const URL_KEYS = ['tab', 'day', 'plan', 'from', 'to'] as const;
const STATUS_COLORS = { building: 'blue', ready: 'green', failed: 'red' } as const;

/** The selected plan's summary and its per-agent progress. */
function PlanDetail({ planId }: { planId: number }) {
  const plan = useQuery({ queryKey: svKeys.plan(planId), queryFn: () => fetchPlan(planId) });
  if (plan.isError) return <ErrorAlert error={plan.error} onRetry={() => void plan.refetch()} />;
  if (!plan.data) return <Card loading />;
  return (
    <>
      <PlanSummaryCard plan={plan.data} />
      {plan.data.status === 'ready' && <PlanProgressTable planId={planId} />}
    </>
  );
}

/** Today's call plan (build, summary, progress per agent) and the agents' KPIs. */
export function PlanPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [values, update] = useUrlQuery(URL_KEYS);
  const today = dayjs().format('YYYY-MM-DD');
  const day = values.day ?? today;
  const plans = useQuery({ queryKey: svKeys.plans(day), queryFn: () => fetchPlans(day) });
  const items = plans.data?.items ?? [];
  const selected = Number(values.plan) || items[0]?.id || null;
  const from = values.from ?? today;
  const to = values.to ?? today;

  const planTab = (
    <Flex vertical gap={16}>
      <Flex gap={12} align="center" wrap>
        <Typography.Text>{t('plan.day')}</Typography.Text>
        <DatePicker
          allowClear={false}
          value={dayjs(day)}
          onChange={(next) => update({ day: next ? next.format('YYYY-MM-DD') : undefined, plan: undefined })}
          data-testid="plan-day"
        />
        <Select
          style={{ minWidth: 320 }}
          placeholder={t('plan.noPlans')}
          value={selected ?? undefined}
          loading={plans.isPending}
          onChange={(id: number) => update({ plan: id })}
          data-testid="plan-select"
          options={items.map((item) => ({
            value: item.id,
            label: (
              <span>
                #{item.id} · {formatDateTime(item.createdAt)} ·{' '}
                {t('plan.listChosen', { chosen: formatNumber(item.chosen ?? 0) })}{' '}
                <Tag color={STATUS_COLORS[item.status]}>{t(`plan.status.${item.status}`)}</Tag>
              </span>
            ),
          }))}
        />
      </Flex>
      {plans.isError && <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} />}
      {can(me, 'plans.manage') && day >= today && (
        <PlanBuilder key={day} day={day} onBuilt={(plan) => update({ plan: plan.id })} />
      )}
      {selected !== null ? (
        <PlanDetail key={selected} planId={selected} />
      ) : (
        plans.isSuccess && (
          <Card>
            <Empty description={t('plan.noPlanYet')} />
          </Card>
        )
      )}
    </Flex>
  );

  return (
    <Flex vertical gap={8}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('plan.title')}
      </Typography.Title>
      <Tabs
        activeKey={values.tab === 'kpis' ? 'kpis' : 'plan'}
        onChange={(tab) => update({ tab: tab === 'plan' ? undefined : tab })}
        items={[
          { key: 'plan', label: <span data-testid="plan-tab-plan">{t('plan.tab')}</span>, children: planTab },
          {
            key: 'kpis',
            label: <span data-testid="plan-tab-kpis">{t('kpis.title')}</span>,
            children: (
              <AgentKpiTable
                from={from}
                to={to}
                onRangeChange={(start, end) => update({ from: start, to: end })}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}
