import { TimePicker } from 'antd';
import dayjs from 'dayjs';
import { clockMinutes } from './shifts';

type ClockInputProps = {
  value: string;
  onChange: (value: string) => void;
  status?: 'error';
  testId?: string;
};

/** An HH:MM clock time (local business time) with a 5-minute step. */
export function ClockInput({ value, onChange, status, testId }: ClockInputProps) {
  const minutes = clockMinutes(value);
  const asDayjs = dayjs().startOf('day').add(minutes, 'minute');
  return (
    <TimePicker
      value={asDayjs}
      format="HH:mm"
      minuteStep={5}
      allowClear={false}
      needConfirm={false}
      status={status}
      size="small"
      style={{ width: 90 }}
      data-testid={testId}
      onChange={(next) => {
        if (next) onChange(next.format('HH:mm'));
      }}
    />
  );
}
