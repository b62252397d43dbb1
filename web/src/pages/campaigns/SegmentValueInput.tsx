import { Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { codeLabel } from '../../i18n/codes';
import type { SegmentOp, SegmentValueKind } from './segmentFields';

type SegmentValueInputProps = {
  kind: SegmentValueKind | null;
  op: SegmentOp | null;
  value: unknown;
  onChange: (value: unknown) => void;
  testId: string;
};

const WIDTH = { width: '100%' } as const;

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Money rules are in fen on the wire and in yuan on screen; probability is a share shown as %. */
function toScreen(kind: Extract<SegmentValueKind, { type: 'number' }>, value: number): number {
  if (kind.unit === 'yuan') return value / 100;
  if (kind.unit === 'share') return Math.round(value * 10_000) / 100;
  return value;
}

function fromScreen(kind: Extract<SegmentValueKind, { type: 'number' }>, value: number): number {
  if (kind.unit === 'yuan') return Math.round(value * 100);
  if (kind.unit === 'share') return Math.round(value * 100) / 10_000;
  return kind.integer ? Math.round(value) : value;
}

/** The value control a rule's field and operator call for. */
export function SegmentValueInput({ kind, op, value, onChange, testId }: SegmentValueInputProps) {
  const { t } = useTranslation();
  if (kind === null || op === null) {
    return <Input disabled placeholder={t('campaigns.builder.pickFieldFirst')} data-testid={testId} />;
  }
  const isList = op === 'in' || op === 'contains_any';

  switch (kind.type) {
    case 'number': {
      const screenMax = toScreen(kind, kind.max);
      return (
        <InputNumber
          style={WIDTH}
          data-testid={testId}
          min={0}
          max={screenMax}
          step={kind.unit === 'share' ? 5 : kind.step}
          suffix={
            kind.unit === 'yuan' ? t('campaigns.builder.yuan') : kind.unit === 'share' ? '%' : undefined
          }
          value={typeof value === 'number' ? toScreen(kind, value) : null}
          onChange={(next) => onChange(typeof next === 'number' ? fromScreen(kind, next) : undefined)}
        />
      );
    }
    case 'boolean':
      return (
        <Select
          style={WIDTH}
          data-testid={testId}
          value={typeof value === 'boolean' ? String(value) : undefined}
          placeholder={t('campaigns.builder.valuePlaceholder')}
          onChange={(next: string) => onChange(next === 'true')}
          options={[
            { value: 'true', label: t('common.yes'), 'data-testid': `${testId}-option-true` },
            { value: 'false', label: t('common.no'), 'data-testid': `${testId}-option-false` },
          ]}
        />
      );
    case 'text':
      return isList ? (
        <Select
          mode="tags"
          style={WIDTH}
          data-testid={testId}
          value={stringList(value)}
          placeholder={t('campaigns.builder.textListPlaceholder')}
          onChange={(next: string[]) => onChange(next)}
          tokenSeparators={[',', '，', ' ']}
          open={false}
        />
      ) : (
        <Input
          data-testid={testId}
          value={typeof value === 'string' ? value : ''}
          placeholder={t('campaigns.builder.valuePlaceholder')}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'choice':
    case 'codes': {
      const options = kind.values.map((code) => ({
        value: code,
        label: codeLabel(t, kind.group, code),
        'data-testid': `${testId}-option-${code}`,
      }));
      return isList ? (
        <Select
          mode="multiple"
          style={WIDTH}
          data-testid={testId}
          value={stringList(value)}
          placeholder={t('campaigns.builder.valuePlaceholder')}
          onChange={(next: string[]) => onChange(next)}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
        />
      ) : (
        <Select
          style={WIDTH}
          data-testid={testId}
          value={typeof value === 'string' ? value : undefined}
          placeholder={t('campaigns.builder.valuePlaceholder')}
          onChange={(next: string) => onChange(next)}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
        />
      );
    }
  }
}
