import { Checkbox, InputNumber, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ClockInput } from './ClockInput';
import { type ShiftRow, shiftCapacity, shiftProblem } from './shifts';

type ShiftsTableProps = {
  rows: ShiftRow[];
  handleMinutes: number;
  occupancy: number;
  /** The server's complaint per agent (from `shifts.<n>.*` issues). */
  errors: Record<number, string>;
  onChange: (rows: ShiftRow[]) => void;
};

/** Who is on duty today and when; capacity previewed from handle time and occupancy. */
export function ShiftsTable({ rows, handleMinutes, occupancy, errors, onChange }: ShiftsTableProps) {
  const { t } = useTranslation();
  const patch = (agentUserId: number, change: Partial<ShiftRow>) =>
    onChange(rows.map((row) => (row.agentUserId === agentUserId ? { ...row, ...change } : row)));
  const onDuty = rows.filter((row) => row.onDuty).length;

  const columns: ColumnsType<ShiftRow> = [
    {
      key: 'onDuty',
      width: 48,
      title: (
        <Checkbox
          checked={onDuty === rows.length && rows.length > 0}
          indeterminate={onDuty > 0 && onDuty < rows.length}
          onChange={(event) => onChange(rows.map((row) => ({ ...row, onDuty: event.target.checked })))}
          aria-label={t('plan.shifts.allOnDuty')}
        />
      ),
      render: (_, row) => (
        <Checkbox
          checked={row.onDuty}
          onChange={(event) => patch(row.agentUserId, { onDuty: event.target.checked })}
          aria-label={t('plan.shifts.onDuty')}
        />
      ),
    },
    { key: 'agent', title: t('plan.shifts.agent'), dataIndex: 'displayName' },
    {
      key: 'team',
      title: t('plan.shifts.team'),
      render: (_, row) => row.teamName ?? '—',
      responsive: ['md'],
    },
    {
      key: 'from',
      title: t('plan.shifts.from'),
      render: (_, row) => (
        <ClockInput value={row.from} onChange={(from) => patch(row.agentUserId, { from })} />
      ),
    },
    {
      key: 'until',
      title: t('plan.shifts.until'),
      render: (_, row) => (
        <ClockInput
          value={row.until}
          status={row.onDuty && shiftProblem(row) === 'until' ? 'error' : undefined}
          onChange={(until) => patch(row.agentUserId, { until })}
        />
      ),
    },
    {
      key: 'break',
      title: t('plan.shifts.breakMinutes'),
      render: (_, row) => (
        <InputNumber
          size="small"
          min={0}
          max={480}
          step={15}
          precision={0}
          style={{ width: 80 }}
          status={row.onDuty && shiftProblem(row) === 'breakMinutes' ? 'error' : undefined}
          value={row.breakMinutes}
          onChange={(value) =>
            patch(row.agentUserId, { breakMinutes: typeof value === 'number' ? value : 0 })
          }
        />
      ),
    },
    {
      key: 'capacity',
      title: t('plan.shifts.capacity'),
      align: 'right',
      render: (_, row) => {
        const error = errors[row.agentUserId];
        const text = row.onDuty ? shiftCapacity(row, handleMinutes, occupancy) : '—';
        return error ? (
          <Tooltip title={error}>
            <span style={{ color: '#cf1322' }}>{text} ⚠</span>
          </Tooltip>
        ) : (
          text
        );
      },
    },
  ];

  return (
    <Table<ShiftRow>
      rowKey="agentUserId"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: t('plan.shifts.noAgents') }}
      onRow={(row) => ({ 'data-testid': `shift-row-${row.agentUserId}` }) as HTMLAttributes<HTMLElement>}
    />
  );
}
