import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveDecisionSettings } from '../../api/supervision';
import type { DecisionSettings, DecisionSettingsVersion } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/format';
import { bodyIssues, issuesUnder } from '../campaigns/formIssues';
import { ActionsSection } from './ActionsSection';
import { PriorsSection } from './PriorsSection';
import { UpsellSection } from './UpsellSection';
import { ValueSection } from './ValueSection';

type DecisionSettingsFormProps = { current: DecisionSettingsVersion };
type FormValues = DecisionSettings & { note?: string };

function samePrefix(prefix: readonly (string | number)[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => String(part) === path[i]);
}

/** The next-best-action levers and the retention budget; saving makes the next version. */
export function DecisionSettingsForm({ current }: DecisionSettingsFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // Untyped: server issues name lever paths (value.tierWeights.high_value) that are matched at run time.
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: ({ note, ...settings }: FormValues) =>
      saveDecisionSettings(settings, note?.trim() || undefined),
    onSuccess: (saved) => {
      void message.success(t('decisions.saved', { version: saved.version }));
      void queryClient.invalidateQueries({ queryKey: ['decisions'] });
      form.setFieldValue('note', '');
    },
    onError: (error) => {
      // Each issue goes to the deepest field its path starts with (a record's entry → the record).
      const registered = form.getFieldsError().map((field) => field.name);
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      for (const issue of issuesUnder(bodyIssues(error), ['settings'])) {
        let best: (string | number)[] | null = null;
        for (const name of registered) {
          if (samePrefix(name, issue.path) && (best === null || name.length > best.length)) best = name;
        }
        if (best) fields.push({ name: best, errors: [issue.message] });
      }
      form.setFields(fields);
    },
  });

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={current.settings}
      onFinish={(values: FormValues) => save.mutate(values)}
      data-testid="decision-settings-form"
    >
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">
          {current.version === 0
            ? t('decisions.defaults')
            : t('decisions.version', { version: current.version, at: formatDateTime(current.createdAt) })}
        </Typography.Text>
        <ValueSection />
        <ActionsSection />
        <UpsellSection />
        <PriorsSection />
        {save.isError && <ErrorAlert error={save.error} />}
        <Flex gap={8} align="flex-start" wrap>
          <Form.Item name="note" style={{ flex: 1, minWidth: 240, marginBottom: 0 }}>
            <Input placeholder={t('decisions.notePlaceholder')} maxLength={500} />
          </Form.Item>
          <Button onClick={() => form.resetFields()}>{t('decisions.undo')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={save.isPending}
            data-testid="decision-settings-save"
          >
            {t('decisions.save')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
