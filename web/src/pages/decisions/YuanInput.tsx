import { InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UnitInputProps } from './unitInputProps';

/** A fen amount typed in yuan (the settings store fen). */
export function YuanInput({ value, onChange, max = 1_000_000, testId }: UnitInputProps) {
  const { t } = useTranslation();
  return (
    <InputNumber
      style={{ width: '100%' }}
      min={0}
      max={max}
      precision={2}
      suffix={t('decisions.yuan')}
      value={typeof value === 'number' ? value / 100 : null}
      onChange={(next) => onChange?.(typeof next === 'number' ? Math.round(next * 100) : null)}
      data-testid={testId}
    />
  );
}
