import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveSmsTemplate, svKeys } from '../../api/supervision';
import { SMS_TEMPLATE_PURPOSES, type SmsTemplate } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { bodyIssues } from '../campaigns/formIssues';
import { EditDrawer } from './EditDrawer';

type SmsTemplateValues = { code: string; purpose: string; bodyZh: string; bodyEn: string; isActive: boolean };
const FIELDS = ['purpose', 'bodyZh', 'bodyEn', 'isActive'] as const;

type SmsTemplateDrawerProps = { open: boolean; template: SmsTemplate | null; onClose: () => void };

/** Add or edit a care SMS template in both languages; both must use the same {variables}. */
export function SmsTemplateDrawer({ open, template, onClose }: SmsTemplateDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SmsTemplateValues>();
  const save = useMutation({
    mutationFn: (values: SmsTemplateValues) =>
      saveSmsTemplate(values.code.trim(), {
        purpose: values.purpose,
        bodyZh: values.bodyZh.trim(),
        bodyEn: values.bodyEn.trim(),
        isActive: values.isActive,
      }),
    onSuccess: () => {
      void message.success(t('catalogue.sms.saved'));
      void queryClient.invalidateQueries({ queryKey: svKeys.smsTemplates });
      onClose();
    },
    onError: (error) => {
      form.setFields(
        bodyIssues(error).flatMap((issue) => {
          const field = FIELDS.find((name) => name === issue.path[0]);
          return field ? [{ name: field, errors: [issue.message] }] : [];
        }),
      );
    },
  });
  const required = { required: true, whitespace: true, message: t('catalogue.offers.required') };

  return (
    <EditDrawer
      open={open}
      size={640}
      title={template ? t('catalogue.sms.editTitle', { code: template.code }) : t('catalogue.sms.newTitle')}
      saving={save.isPending}
      saveTestId="sms-template-save"
      onSave={() => form.submit()}
      onClose={onClose}
      onClosed={() => save.reset()}
    >
      {save.isError && bodyIssues(save.error).length === 0 && (
        <ErrorAlert error={save.error} style={{ marginBottom: 16 }} />
      )}
      <Form<SmsTemplateValues>
        form={form}
        layout="vertical"
        initialValues={{
          code: template?.code ?? '',
          purpose: template?.purpose ?? 'care',
          bodyZh: template?.bodyZh ?? '',
          bodyEn: template?.bodyEn ?? '',
          isActive: template?.isActive ?? true,
        }}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item<SmsTemplateValues>
          name="code"
          label={t('catalogue.sms.code')}
          rules={
            template
              ? []
              : [required, { pattern: /^[a-z][a-z0-9_]{2,49}$/, message: t('catalogue.sms.codeHelp') }]
          }
          extra={template ? undefined : t('catalogue.sms.codeHelp')}
        >
          <Input disabled={template !== null} />
        </Form.Item>
        <Form.Item<SmsTemplateValues>
          name="purpose"
          label={t('catalogue.sms.purpose')}
          rules={[{ required: true }]}
        >
          <Select
            options={SMS_TEMPLATE_PURPOSES.map((p) => ({
              value: p,
              label: t(`catalogue.sms.purposes.${p}`),
            }))}
          />
        </Form.Item>
        <Form.Item<SmsTemplateValues>
          name="bodyZh"
          label={t('catalogue.sms.bodyZh')}
          extra={t('catalogue.sms.variablesHelp')}
          rules={[required, { max: 500 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} showCount maxLength={500} />
        </Form.Item>
        <Form.Item<SmsTemplateValues>
          name="bodyEn"
          label={t('catalogue.sms.bodyEn')}
          rules={[required, { max: 1000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} showCount maxLength={1000} />
        </Form.Item>
        <Form.Item<SmsTemplateValues>
          name="isActive"
          label={t('catalogue.sms.active')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </EditDrawer>
  );
}
