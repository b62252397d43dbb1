import { Flex, InputNumber, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { VipLevel } from '../../api/types';
import { type SlaMatrix, TICKET_CATEGORIES, type TicketCategory, VIP_LEVELS } from '../../api/types-service';
import { categoryLabel } from '../service/categories';
import { FieldProblem } from './FieldProblem';
import type { EditorProps } from './SettingsTab';
import { setIn } from './setIn';
import { hasProblemUnder, problemAt } from './settingsProblems';

/** "1 d 6 h", "45 min": a limit in minutes as a person reads it. */
export function durationText(
  minutes: number | null | undefined,
  units: { d: string; h: string; min: string },
) {
  if (minutes === null || minutes === undefined || minutes <= 0) return '';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [
    days ? `${days} ${units.d}` : '',
    hours ? `${hours} ${units.h}` : '',
    rest ? `${rest} ${units.min}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The level × category limits (minutes), each category's clock, the warning ratio and the escalations. */
export function SlaMatrixEditor({ value, onChange, problems }: EditorProps<SlaMatrix>) {
  const { t } = useTranslation();
  const units = {
    d: t('service.settings.sla.d'),
    h: t('service.settings.sla.h'),
    min: t('service.settings.sla.min'),
  };
  const number = (
    path: (string | number)[],
    current: number,
    props: { min?: number; max?: number; step?: number; testId: string; suffix?: string },
  ) => {
    const message = problemAt(problems, path);
    return (
      <>
        <InputNumber
          value={current}
          min={props.min}
          max={props.max}
          step={props.step}
          suffix={props.suffix}
          status={message ? 'error' : undefined}
          onChange={(next) => {
            if (typeof next === 'number') onChange(setIn(value, path, next));
          }}
          data-testid={props.testId}
        />
        <FieldProblem message={message} testId={`${props.testId}-problem`} />
      </>
    );
  };

  const columns: ColumnsType<TicketCategory> = [
    {
      key: 'category',
      title: t('service.settings.sla.category'),
      render: (_, category) => categoryLabel(t, category),
    },
    {
      key: 'clock',
      title: t('service.settings.sla.clock'),
      render: (_, category) => {
        const message = problemAt(problems, ['categories', category, 'clock']);
        return (
          <>
            <Select
              style={{ width: 130 }}
              value={value.categories[category]?.clock}
              status={message ? 'error' : undefined}
              options={[
                { value: 'business', label: t('service.settings.sla.business') },
                { value: 'calendar', label: t('service.settings.sla.calendar') },
              ]}
              onChange={(clock: string) => onChange(setIn(value, ['categories', category, 'clock'], clock))}
              data-testid={`sla-matrix-${category}-clock`}
            />
            <FieldProblem message={message} />
          </>
        );
      },
    },
    ...VIP_LEVELS.map((level: VipLevel) => ({
      key: level,
      title: t(`codes.vipLevel.${level}`),
      render: (_: unknown, category: TicketCategory) => {
        const minutes = value.categories[category]?.limitMinutes[level] ?? 0;
        return (
          <Flex vertical>
            {number(['categories', category, 'limitMinutes', level], minutes, {
              min: 1,
              step: 10,
              testId: `sla-matrix-${category}-${level}`,
            })}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {durationText(minutes, units)}
            </Typography.Text>
          </Flex>
        );
      },
    })),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={24} wrap>
        <Flex vertical gap={4}>
          <Typography.Text>{t('service.settings.sla.warningRatio')}</Typography.Text>
          {number(['warningRatio'], value.warningRatio, {
            min: 0.05,
            max: 0.95,
            step: 0.05,
            testId: 'sla-matrix-warning-ratio',
          })}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('service.settings.sla.warningRatioHelp')}
          </Typography.Text>
        </Flex>
        <Flex vertical gap={4}>
          <Typography.Text>{t('service.settings.sla.groupLeadAfter')}</Typography.Text>
          {number(
            ['escalation', 'groupLeadAfterBreachMinutes'],
            value.escalation.groupLeadAfterBreachMinutes,
            {
              min: 0,
              step: 15,
              suffix: t('service.settings.sla.min'),
              testId: 'sla-matrix-group-lead',
            },
          )}
        </Flex>
        <Flex vertical gap={4}>
          <Typography.Text>{t('service.settings.sla.managerAfter')}</Typography.Text>
          {number(['escalation', 'managerAfterBreachMinutes'], value.escalation.managerAfterBreachMinutes, {
            min: 0,
            step: 15,
            suffix: t('service.settings.sla.min'),
            testId: 'sla-matrix-manager',
          })}
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{t('service.settings.sla.help')}</Typography.Text>
      <Table
        size="small"
        rowKey={(category) => category}
        columns={columns}
        dataSource={[...TICKET_CATEGORIES]}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(category) =>
          ({
            'data-testid': `sla-matrix-row-${category}`,
            style: hasProblemUnder(problems, ['categories', category])
              ? { background: '#fff1f0' }
              : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="sla-matrix"
      />
    </Flex>
  );
}
