import { InputNumber } from 'antd';
import type { UnitInputProps } from './unitInputProps';

/** A multiplier: 0 switches a thing off, 1 leaves it as it is. */
export function FactorInput({ value, onChange, max = 5, testId }: UnitInputProps) {
  return (
    <InputNumber
      style={{ width: '100%' }}
      min={0}
      max={max}
      step={0.1}
      precision={2}
      prefix="×"
      value={typeof value === 'number' ? value : null}
      onChange={(next) => onChange?.(typeof next === 'number' ? next : null)}
      data-testid={testId}
    />
  );
}
