import { Flex, InputNumber, Radio, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevisitSettings } from '../../api/types-service';
import { FieldProblem } from './FieldProblem';
import type { EditorProps } from './SettingsTab';
import { problemAt } from './settingsProblems';

function Field({ label, help, children }: { label: string; help?: string; children: ReactNode }) {
  return (
    <Flex vertical gap={4}>
      <Typography.Text>{label}</Typography.Text>
      {children}
      {help && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {help}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** How a closed ticket is followed up: a call for VIPs, an SMS survey (or nothing) for others. */
export function RevisitEditor({ value, onChange, problems }: EditorProps<RevisitSettings>) {
  const { t } = useTranslation();
  const set = <K extends keyof RevisitSettings>(key: K, next: RevisitSettings[K]) =>
    onChange({ ...value, [key]: next });
  const problem = (key: keyof RevisitSettings) => (
    <FieldProblem message={problemAt(problems, [key])} testId={`revisit-${key}-problem`} />
  );
  return (
    <Flex vertical gap={16} style={{ maxWidth: 560 }}>
      <Field label={t('service.settings.revisit.vipChannel')}>
        <Radio.Group
          value={value.vipChannel}
          onChange={(event) => set('vipChannel', event.target.value)}
          options={[
            { value: 'call', label: t('service.settings.revisit.call') },
            { value: 'sms', label: t('service.settings.revisit.sms') },
          ]}
          data-testid="revisit-vip-channel"
        />
        {problem('vipChannel')}
      </Field>
      <Field label={t('service.settings.revisit.othersChannel')}>
        <Radio.Group
          value={value.othersChannel}
          onChange={(event) => set('othersChannel', event.target.value)}
          options={[
            { value: 'call', label: t('service.settings.revisit.call') },
            { value: 'sms', label: t('service.settings.revisit.sms') },
            { value: 'none', label: t('service.settings.revisit.none') },
          ]}
          data-testid="revisit-others-channel"
        />
        {problem('othersChannel')}
      </Field>
      <Field
        label={t('service.settings.revisit.reopenAtOrBelow')}
        help={t('service.settings.revisit.reopenHelp')}
      >
        <InputNumber
          value={value.reopenAtOrBelow}
          min={0}
          max={5}
          precision={0}
          status={problemAt(problems, ['reopenAtOrBelow']) ? 'error' : undefined}
          onChange={(next) => {
            if (typeof next === 'number') set('reopenAtOrBelow', next);
          }}
          data-testid="revisit-reopen-threshold"
        />
        {problem('reopenAtOrBelow')}
      </Field>
      <Field
        label={t('service.settings.revisit.delayMinutes')}
        help={t('service.settings.revisit.delayHelp')}
      >
        <InputNumber
          value={value.delayMinutes}
          min={0}
          precision={0}
          suffix={t('service.settings.sla.min')}
          status={problemAt(problems, ['delayMinutes']) ? 'error' : undefined}
          onChange={(next) => {
            if (typeof next === 'number') set('delayMinutes', next);
          }}
          data-testid="revisit-delay"
        />
        {problem('delayMinutes')}
      </Field>
    </Flex>
  );
}
