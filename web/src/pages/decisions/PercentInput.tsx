import { InputNumber } from 'antd';
import type { UnitInputProps } from './unitInputProps';

/** A share (0–1) typed in percent. */
export function PercentInput({ value, onChange, testId }: UnitInputProps) {
  return (
    <InputNumber
      style={{ width: '100%' }}
      min={0}
      max={100}
      precision={1}
      suffix="%"
      value={typeof value === 'number' ? Math.round(value * 1000) / 10 : null}
      onChange={(next) => onChange?.(typeof next === 'number' ? Math.round(next * 10) / 1000 : null)}
      data-testid={testId}
    />
  );
}
