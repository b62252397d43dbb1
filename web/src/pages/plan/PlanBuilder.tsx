import { ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildPlan, fetchAgentKpis, svKeys } from '../../api/supervision';
import type { Plan } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatNumber } from '../../format/format';
import { bodyIssues, issuesUnder } from '../campaigns/formIssues';
import { ClockInput } from './ClockInput';
import { ShiftsTable } from './ShiftsTable';
import { DEFAULT_SHIFT, type ShiftRow, shiftCapacity, shiftInputs, shiftProblem } from './shifts';

type PlanBuilderProps = { day: string; onBuilt: (plan: Plan) => void };

/**
 * Build the day's plan: every agent of the team on the default shift to start with (the roster is
 * the KPI list, which names every active agent in scope), handle time and occupancy.
 */
export function PlanBuilder({ day, onBuilt }: PlanBuilderProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const roster = useQuery({ queryKey: svKeys.kpis(day, day), queryFn: () => fetchAgentKpis(day, day) });
  const [rows, setRows] = useState<ShiftRow[]>([]);
  const [handleMinutes, setHandleMinutes] = useState(6);
  const [occupancyPercent, setOccupancyPercent] = useState(85);
  const [template, setTemplate] = useState<{ from: string; until: string; breakMinutes: number }>({
    ...DEFAULT_SHIFT,
  });
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});

  useEffect(() => {
    if (!roster.data) return;
    setRows((previous) =>
      roster.data.items.map(
        (agent) =>
          previous.find((row) => row.agentUserId === agent.agentUserId) ?? {
            agentUserId: agent.agentUserId,
            displayName: agent.displayName,
            teamName: agent.teamName,
            onDuty: true,
            ...DEFAULT_SHIFT,
          },
      ),
    );
  }, [roster.data]);

  const shifts = shiftInputs(rows);
  const occupancy = occupancyPercent / 100;
  const build = useMutation({
    mutationFn: () => buildPlan({ day, shifts, handleMinutes, occupancy }),
    onSuccess: (plan) => {
      void message.success(t('plan.build.done', { chosen: plan.summary?.chosen.total ?? 0 }));
      void queryClient.invalidateQueries({ queryKey: ['plans'] });
      setRowErrors({});
      onBuilt(plan);
    },
    onError: (error) => {
      const errors: Record<number, string> = {};
      for (const issue of issuesUnder(bodyIssues(error), ['shifts'])) {
        const shift = shifts[Number(issue.path[0])];
        if (shift) errors[shift.agentUserId] = `${issue.path.slice(1).join('.')}: ${issue.message}`;
      }
      setRowErrors(errors);
    },
  });

  const onDutyRows = rows.filter((row) => row.onDuty);
  const invalid = onDutyRows.some((row) => shiftProblem(row) !== null);
  let capacity = 0;
  for (const row of onDutyRows) capacity += shiftCapacity(row, handleMinutes, occupancy);

  return (
    <Card title={t('plan.build.title', { day })} data-testid="plan-builder">
      <Flex vertical gap={12}>
        <Flex gap={24} wrap align="center">
          <Space>
            <Typography.Text>{t('plan.build.handleMinutes')}</Typography.Text>
            <InputNumber
              min={1}
              max={120}
              step={0.5}
              value={handleMinutes}
              onChange={(value) => setHandleMinutes(typeof value === 'number' ? value : 6)}
              suffix={t('plan.build.minutes')}
              data-testid="plan-handle-minutes"
            />
          </Space>
          <Space>
            <Typography.Text>{t('plan.build.occupancy')}</Typography.Text>
            <InputNumber
              min={1}
              max={100}
              value={occupancyPercent}
              onChange={(value) => setOccupancyPercent(typeof value === 'number' ? value : 85)}
              suffix="%"
              data-testid="plan-occupancy"
            />
          </Space>
          <Space wrap>
            <Typography.Text>{t('plan.build.defaultShift')}</Typography.Text>
            <ClockInput value={template.from} onChange={(from) => setTemplate({ ...template, from })} />
            <span>–</span>
            <ClockInput value={template.until} onChange={(until) => setTemplate({ ...template, until })} />
            <InputNumber
              size="small"
              min={0}
              max={480}
              step={15}
              value={template.breakMinutes}
              onChange={(value) =>
                setTemplate({ ...template, breakMinutes: typeof value === 'number' ? value : 0 })
              }
              suffix={t('plan.build.breakShort')}
              style={{ width: 110 }}
            />
            <Button size="small" onClick={() => setRows(rows.map((row) => ({ ...row, ...template })))}>
              {t('plan.build.applyToAll')}
            </Button>
          </Space>
        </Flex>
        {roster.isError && <ErrorAlert error={roster.error} onRetry={() => void roster.refetch()} />}
        <ShiftsTable
          rows={rows}
          handleMinutes={handleMinutes}
          occupancy={occupancy}
          errors={rowErrors}
          onChange={setRows}
        />
        {build.isError && <ErrorAlert error={build.error} />}
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">
            {t('plan.build.preview', {
              agents: formatNumber(onDutyRows.length),
              capacity: formatNumber(capacity),
            })}
          </Typography.Text>
          <Button
            type="primary"
            icon={<ThunderboltOutlined />}
            loading={build.isPending}
            disabled={onDutyRows.length === 0 || invalid}
            onClick={() => build.mutate()}
            data-testid="plan-build"
          >
            {t('plan.build.button')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}
