import { DeleteOutlined } from '@ant-design/icons';
import { Button, Col, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SegmentValueInput } from './SegmentValueInput';
import { type RuleDraft, withField, withOp } from './segmentDraft';
import { fieldSpec, SEGMENT_FIELD_NAMES, type SegmentOp } from './segmentFields';

type SegmentRuleRowProps = {
  index: number;
  rule: RuleDraft;
  /** The server's or the builder's complaint about this row, if any. */
  error: string | null;
  onChange: (rule: RuleDraft) => void;
  onRemove: () => void;
};

/** One "field / operator / value" row; test ids `segment-rule-<index>` with `-field`, `-op`, `-value`. */
export function SegmentRuleRow({ index, rule, error, onChange, onRemove }: SegmentRuleRowProps) {
  const { t } = useTranslation();
  const testId = `segment-rule-${index}`;
  const spec = rule.field === null ? null : fieldSpec(rule.field);

  return (
    <div data-testid={testId} style={{ marginBottom: 8 }}>
      <Row gutter={8} align="middle" wrap={false}>
        <Col flex="220px">
          <Select
            style={{ width: '100%' }}
            data-testid={`${testId}-field`}
            // Every field rendered (no virtual list): ~20 entries, and each is reachable by its test id.
            virtual={false}
            value={rule.field ?? undefined}
            placeholder={t('campaigns.builder.fieldPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(field: string) => onChange(withField(rule, field))}
            options={SEGMENT_FIELD_NAMES.map((field) => ({
              value: field,
              label: t(`campaigns.fields.${field}`),
              'data-testid': `${testId}-field-option-${field}`,
            }))}
          />
        </Col>
        <Col flex="150px">
          <Select
            style={{ width: '100%' }}
            data-testid={`${testId}-op`}
            disabled={spec === null}
            value={rule.op ?? undefined}
            placeholder={t('campaigns.builder.opPlaceholder')}
            onChange={(op: SegmentOp) => onChange(withOp(rule, op))}
            options={(spec?.ops ?? []).map((op) => ({
              value: op,
              label: t(`campaigns.ops.${op}`),
              'data-testid': `${testId}-op-option-${op}`,
            }))}
          />
        </Col>
        <Col flex="auto">
          <SegmentValueInput
            kind={spec?.kind ?? null}
            op={rule.op}
            value={rule.value}
            onChange={(value) => onChange({ ...rule, value })}
            testId={`${testId}-value`}
          />
        </Col>
        <Col flex="none">
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('campaigns.builder.removeRule')}
            data-testid={`${testId}-remove`}
            onClick={onRemove}
          />
        </Col>
      </Row>
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`${testId}-error`}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
