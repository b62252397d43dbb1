import { Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LintFinding } from '../../api/types-supervision';
import { HighlightedText } from './HighlightedText';

type ScriptSectionFieldProps = {
  label: string;
  help?: string;
  value: string;
  onChange: (value: string) => void;
  findings: LintFinding[];
  /** Unknown {placeholders} in this section. */
  unknownVariables: string[];
  /** The server's complaint about this section (empty, too long, …). */
  error: string | null;
  readOnly: boolean;
  maxLength: number;
  testId: string;
};

const PREVIEW = {
  marginTop: 6,
  padding: 8,
  background: '#fff7f6',
  border: '1px solid #ffccc7',
  borderRadius: 6,
} as const;

/** One section's text, with its forbidden phrases marked underneath and the better forms named. */
export function ScriptSectionField(props: ScriptSectionFieldProps) {
  const { label, help, value, onChange, findings, unknownVariables, error, readOnly, maxLength, testId } =
    props;
  const { t } = useTranslation();
  const flagged = findings.length > 0;
  return (
    <div style={{ marginBottom: 16 }} data-testid={testId} data-findings={findings.length}>
      <Typography.Text strong>{label}</Typography.Text>
      {help && (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
          {help}
        </Typography.Text>
      )}
      <Input.TextArea
        style={{ marginTop: 4 }}
        value={value}
        readOnly={readOnly}
        status={flagged || error ? 'error' : unknownVariables.length > 0 ? 'warning' : undefined}
        autoSize={{ minRows: 2, maxRows: 10 }}
        maxLength={maxLength}
        onChange={(event) => onChange(event.target.value)}
        data-testid={`${testId}-input`}
      />
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {error}
        </Typography.Text>
      )}
      {unknownVariables.length > 0 && (
        <div>
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            {t('scripts.editor.unknownVariables', { names: unknownVariables.map((n) => `{${n}}`).join(' ') })}
          </Typography.Text>
        </div>
      )}
      {flagged && (
        <div style={PREVIEW}>
          <HighlightedText text={value} findings={findings} />
          {findings.map((finding) => (
            <div key={`${finding.index}-${finding.code}`} style={{ fontSize: 12, marginTop: 4 }}>
              <Typography.Text type="danger">
                {t('scripts.lint.match', { match: finding.match })}
              </Typography.Text>{' '}
              <Typography.Text type="secondary">{t('scripts.lint.sayInstead')}</Typography.Text>{' '}
              <Typography.Text>{finding.suggestion}</Typography.Text>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
