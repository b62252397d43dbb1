import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FactorInput } from './FactorInput';
import { PercentInput } from './PercentInput';
import { YuanInput } from './YuanInput';

export type RecordValueKind = 'factor' | 'percent' | 'yuan';

type RecordEditorProps = {
  value?: Record<string, number>;
  onChange?: (value: Record<string, number>) => void;
  /** The keys that may be set (tiers, rules, offer kinds, offer codes), with labels. */
  keys: { value: string; label: string }[];
  valueKind: RecordValueKind;
  testId?: string;
};

/**
 * A lever kept as key → number (a weight per tier, a gain per offer kind…). Keys not set fall back
 * to the lever's default, so only the rows present are sent.
 */
export function RecordEditor({ value = {}, onChange, keys, valueKind, testId }: RecordEditorProps) {
  const { t } = useTranslation();
  const entries = Object.entries(value);
  const unused = keys.filter((key) => !(key.value in value));
  const labelOf = (key: string) => keys.find((k) => k.value === key)?.label ?? key;
  const set = (next: Record<string, number>) => onChange?.(next);
  const rename = (from: string, to: string) => {
    const next: Record<string, number> = {};
    for (const [key, amount] of entries) next[key === from ? to : key] = amount;
    set(next);
  };
  const input = (key: string, amount: number) => {
    const change = (next: number | null) => set({ ...value, [key]: next ?? 0 });
    if (valueKind === 'percent') return <PercentInput value={amount} onChange={change} />;
    if (valueKind === 'yuan') return <YuanInput value={amount} onChange={change} />;
    return <FactorInput value={amount} onChange={change} />;
  };

  return (
    <div data-testid={testId}>
      {entries.map(([key, amount]) => (
        <Row key={key} gutter={8} style={{ marginBottom: 6 }} align="middle">
          <Col flex="auto">
            <Select
              style={{ width: '100%' }}
              value={key}
              onChange={(next: string) => rename(key, next)}
              options={[{ value: key, label: labelOf(key) }, ...unused]}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Col>
          <Col flex="160px">{input(key, amount)}</Col>
          <Col flex="none">
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('decisions.removeRow')}
              onClick={() => set(Object.fromEntries(entries.filter(([k]) => k !== key)))}
            />
          </Col>
        </Row>
      ))}
      {unused.length > 0 && (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => {
            const first = unused[0];
            if (first) set({ ...value, [first.value]: valueKind === 'factor' ? 1 : 0 });
          }}
        >
          {t('decisions.addRow')}
        </Button>
      )}
    </div>
  );
}
