import { Divider } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LintFinding, ScriptLanguage, ScriptLocale } from '../../api/types-supervision';
import { ObjectionsEditor } from './ObjectionsEditor';
import { ScriptSectionField } from './ScriptSectionField';
import { findingsIn, sectionPath, type TextSection } from './scriptSections';

type ScriptLanguageEditorProps = {
  locale: ScriptLocale;
  value: ScriptLanguage;
  findings: LintFinding[];
  /** Unknown {placeholders} by section path. */
  unknownVariables: { section: string; name: string }[];
  triggers: string[];
  /** Server complaints by section path (`zh-CN.opening`). */
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (value: ScriptLanguage) => void;
};

const MAX: Record<TextSection, number> = { opening: 600, purpose: 2000, disclosure: 1000, closing: 600 };

/** One language of a script: opening, purpose, disclosure, objections, closing. */
export function ScriptLanguageEditor({
  locale,
  value,
  findings,
  unknownVariables: unknown,
  triggers,
  errors,
  readOnly,
  onChange,
}: ScriptLanguageEditorProps) {
  const { t } = useTranslation();
  const textField = (section: TextSection) => {
    const path = sectionPath(locale, section);
    return (
      <ScriptSectionField
        label={t(`scripts.sections.${section}`)}
        help={t(`scripts.sectionHelp.${section}`)}
        value={value[section]}
        onChange={(text) => onChange({ ...value, [section]: text })}
        findings={findingsIn(findings, path)}
        unknownVariables={unknown.filter((u) => u.section === path).map((u) => u.name)}
        error={errors[path] ?? null}
        readOnly={readOnly}
        maxLength={MAX[section]}
        testId={`script-section-${locale}-${section}`}
      />
    );
  };

  return (
    <div>
      {textField('opening')}
      {textField('purpose')}
      {textField('disclosure')}
      <Divider style={{ margin: '8px 0 16px' }} />
      <ObjectionsEditor
        locale={locale}
        objections={value.objections}
        triggers={triggers}
        findings={findings}
        unknownVariables={unknown}
        errors={errors}
        readOnly={readOnly}
        onChange={(objections) => onChange({ ...value, objections })}
      />
      <Divider style={{ margin: '16px 0' }} />
      {textField('closing')}
    </div>
  );
}
