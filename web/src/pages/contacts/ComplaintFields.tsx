import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_PSYCHOLOGIES } from '../../api/types-tickets';
import { codeLabel } from '../../i18n/codes';

type Props = {
  /** Where the fields live in the form: [] for top level, ['complaint'] inside the call outcome. */
  prefix: (string | number)[];
  /** Test ids are `<testPrefix>-emotion`, `-fact`, `-opinion`, `-claim`, `-psychology`. */
  testPrefix: string;
  /** Called when the agent picks a psychology themselves (the suggestion no longer overrides it). */
  onPsychologyChosen?: () => void;
};

/** The four-part analysis of a complaint (fact and claim required) and the psychology behind it. */
export function ComplaintFields({ prefix, testPrefix, onPsychologyChosen }: Props) {
  const { t } = useTranslation();
  const text = (part: 'emotion' | 'fact' | 'opinion' | 'claim', required: boolean) => (
    <Form.Item
      name={[...prefix, part]}
      label={t(`contactLog.analysis.${part}`)}
      tooltip={t(`contactLog.analysisHelp.${part}`)}
      rules={
        required ? [{ required: true, whitespace: true, message: t(`contactLog.required.${part}`) }] : []
      }
      style={{ marginBottom: 12 }}
    >
      <Input.TextArea
        rows={part === 'fact' || part === 'claim' ? 2 : 1}
        maxLength={1000}
        placeholder={t(`contactLog.analysisPlaceholder.${part}`)}
        data-testid={`${testPrefix}-${part}`}
      />
    </Form.Item>
  );
  return (
    <div data-testid={`${testPrefix}-analysis`}>
      {text('emotion', false)}
      {text('fact', true)}
      {text('opinion', false)}
      {text('claim', true)}
      <Form.Item name={[...prefix, 'complaintPsychology']} label={t('contactLog.analysis.psychology')}>
        <Select
          allowClear
          data-testid={`${testPrefix}-psychology`}
          onChange={() => onPsychologyChosen?.()}
          options={COMPLAINT_PSYCHOLOGIES.map((code) => ({
            value: code,
            label: codeLabel(t, 'tag.complaintPsychology', code),
            'data-testid': `${testPrefix}-psychology-${code}`,
          }))}
        />
      </Form.Item>
    </div>
  );
}
