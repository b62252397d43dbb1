import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LintFinding, Objection, ScriptLocale } from '../../api/types-supervision';
import { ScriptSectionField } from './ScriptSectionField';
import { findingsIn, sectionPath } from './scriptSections';

type ObjectionsEditorProps = {
  locale: ScriptLocale;
  objections: Objection[];
  triggers: string[];
  findings: LintFinding[];
  unknownVariables: { section: string; name: string }[];
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (objections: Objection[]) => void;
};

/** The refusals the script prepares for, one response per trigger. */
export function ObjectionsEditor(props: ObjectionsEditorProps) {
  const { locale, objections, triggers, findings, unknownVariables, errors, readOnly, onChange } = props;
  const { t } = useTranslation();
  const used = new Set(objections.map((o) => o.trigger));
  const free = triggers.filter((trigger) => !used.has(trigger));
  const replace = (index: number, objection: Objection) =>
    onChange(objections.map((existing, i) => (i === index ? objection : existing)));

  return (
    <div>
      <Typography.Text strong>{t('scripts.sections.objections')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
        {t('scripts.editor.objectionsHelp')}
      </Typography.Text>
      {objections.map((objection, index) => {
        const path = sectionPath(locale, { objection: index });
        return (
          <div
            key={objection.trigger}
            style={{ marginTop: 8, paddingInlineStart: 12, borderInlineStart: '3px solid #f0f0f0' }}
          >
            <Flex gap={8} align="center" style={{ marginBottom: 4 }}>
              <Select
                size="small"
                style={{ width: 240 }}
                value={objection.trigger}
                disabled={readOnly}
                onChange={(trigger: string) => replace(index, { ...objection, trigger })}
                options={[objection.trigger, ...free].map((trigger) => ({
                  value: trigger,
                  label: t(`scripts.triggers.${trigger}`, { defaultValue: trigger }),
                }))}
              />
              {!readOnly && (
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('scripts.editor.removeObjection')}
                  onClick={() => onChange(objections.filter((_, i) => i !== index))}
                />
              )}
            </Flex>
            <ScriptSectionField
              label={t('scripts.editor.response')}
              value={objection.response}
              onChange={(response) => replace(index, { ...objection, response })}
              findings={findingsIn(findings, path)}
              unknownVariables={unknownVariables.filter((u) => u.section === path).map((u) => u.name)}
              error={errors[path] ?? errors[`${locale}.objections.${index}.trigger`] ?? null}
              readOnly={readOnly}
              maxLength={1000}
              testId={`script-section-${locale}-objection-${index}`}
            />
          </div>
        );
      })}
      {!readOnly && free.length > 0 && (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          style={{ marginTop: 8 }}
          onClick={() => {
            const trigger = free[0];
            if (trigger) onChange([...objections, { trigger, response: '' }]);
          }}
        >
          {t('scripts.editor.addObjection')}
        </Button>
      )}
    </div>
  );
}
