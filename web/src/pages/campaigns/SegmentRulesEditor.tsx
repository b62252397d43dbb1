import { PlusOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SegmentRuleRow } from './SegmentRuleRow';
import { emptyRule, type RuleDraft } from './segmentDraft';

type SegmentRulesEditorProps = {
  rules: RuleDraft[];
  /** Problems by row index (from the server's `segment.rules.<n>` issues or the builder's own check). */
  errors: Record<number, string>;
  onChange: (rules: RuleDraft[]) => void;
};

const MAX_RULES = 30;

/** The segment's rules, all of which must hold; no rule means everyone scored in the current run. */
export function SegmentRulesEditor({ rules, errors, onChange }: SegmentRulesEditorProps) {
  const { t } = useTranslation();
  const replace = (index: number, rule: RuleDraft) =>
    onChange(rules.map((existing, i) => (i === index ? rule : existing)));
  const remove = (index: number) => onChange(rules.filter((_, i) => i !== index));

  return (
    <div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {rules.length === 0 ? t('campaigns.builder.noRules') : t('campaigns.builder.allRulesHold')}
      </Typography.Paragraph>
      {rules.map((rule, index) => (
        <SegmentRuleRow
          key={rule.key}
          index={index}
          rule={rule}
          error={errors[index] ?? null}
          onChange={(next) => replace(index, next)}
          onRemove={() => remove(index)}
        />
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        disabled={rules.length >= MAX_RULES}
        onClick={() => onChange([...rules, emptyRule()])}
        data-testid="segment-rule-add"
      >
        {t('campaigns.builder.addRule')}
      </Button>
    </div>
  );
}
