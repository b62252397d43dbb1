import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, Modal, Radio, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SmsLocale, SmsTemplate } from '../../api/types-workbench';
import { contactRefusalsOf, fetchSmsTemplates, sendSms } from '../../api/workbench';
import { ErrorText } from '../../components/ErrorAlert';
import { RefusalList } from './PolicyAlert';

/** Filled by the server from the subscriber and the sender when left blank. */
const AUTO_VARIABLES = new Set(['name', 'agent']);

type Props = {
  open: boolean;
  subscriberId: number;
  /** The campaign the call belongs to, so the SMS counts in its results. */
  campaignId?: number | null;
  onClose: () => void;
};

type Values = { templateCode?: string; locale: SmsLocale; variables: Record<string, string | undefined> };

/** The subscriber-facing text: the body with the typed values in; blanks stay visible. */
export function previewSms(
  body: string,
  variables: Record<string, string | undefined>,
  autoLabel: (name: string) => string,
): string {
  return body.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
    const value = variables[name]?.trim();
    if (value) return value;
    return AUTO_VARIABLES.has(name) ? `«${autoLabel(name)}»` : whole;
  });
}

/** Choose a care template, fill its variables, preview, send; a policy refusal (422) is shown in full. */
export function SmsModal({ open, subscriberId, campaignId, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal open={open} title={t('sms.title')} onCancel={onClose} destroyOnHidden width={560} footer={null}>
      {/* Mounted only while open: each opening starts from a clean form. */}
      <SmsForm subscriberId={subscriberId} campaignId={campaignId ?? null} onClose={onClose} />
    </Modal>
  );
}

function SmsForm({ subscriberId, campaignId, onClose }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const templates = useQuery({
    queryKey: ['workbench', 'sms-templates'],
    queryFn: fetchSmsTemplates,
    staleTime: 5 * 60_000,
  });
  // The survey goes out by itself after a call; agents send care and marketing messages.
  const usable = (templates.data?.items ?? []).filter((tpl) => tpl.isActive && tpl.purpose !== 'survey');
  const code = Form.useWatch('templateCode', form);
  const locale = Form.useWatch('locale', form) ?? 'zh-CN';
  const variables = Form.useWatch('variables', form) ?? {};
  const template = usable.find((tpl) => tpl.code === code);

  const send = useMutation({
    mutationFn: (values: Values) => {
      const chosen = usable.find((tpl) => tpl.code === values.templateCode) as SmsTemplate;
      const filled = Object.fromEntries(
        Object.entries(values.variables ?? {})
          .map(([name, value]) => [name, value?.trim() ?? ''] as const)
          .filter(([name, value]) => value !== '' && chosen.variables.includes(name)),
      );
      return sendSms(subscriberId, {
        templateCode: chosen.code,
        variables: filled,
        purpose: chosen.purpose === 'marketing' ? 'marketing' : 'care',
        locale: values.locale,
        ...(campaignId ? { campaignId } : {}),
      });
    },
    onSuccess: (sent) => {
      void message.success(t('sms.sent', { id: sent.id }));
      void queryClient.invalidateQueries({ queryKey: ['workbench', 'sms', subscriberId] });
      onClose();
    },
  });
  const refusals = send.isError ? contactRefusalsOf(send.error) : null;
  const variableLabel = (name: string) => t(`sms.variable.${name}`, { defaultValue: name });
  const body = template ? (locale === 'en' ? template.bodyEn : template.bodyZh) : '';
  const preview = template ? previewSms(body, variables, variableLabel) : '';

  return (
    <div data-testid="sms-modal">
      {refusals && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="sms-refused"
          title={t('sms.refused')}
          description={
            <>
              <div>{t('sms.refusedHint')}</div>
              <RefusalList refusals={refusals} />
            </>
          }
        />
      )}
      {send.isError && !refusals && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="sms-error"
          title={<ErrorText error={send.error} />}
        />
      )}
      {templates.isError && <Alert type="error" showIcon title={<ErrorText error={templates.error} />} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ locale: 'zh-CN', variables: {} }}
        onValuesChange={() => {
          if (send.isError) send.reset();
        }}
        onFinish={(values) => send.mutate(values)}
      >
        <Form.Item
          name="templateCode"
          label={t('sms.template')}
          rules={[{ required: true, message: t('sms.templateRequired') }]}
        >
          <Select
            data-testid="sms-template"
            loading={templates.isPending}
            notFoundContent={t('sms.noTemplates')}
            options={usable.map((tpl) => ({
              value: tpl.code,
              label: (
                <span>
                  {t(`sms.templateName.${tpl.code}`, { defaultValue: tpl.code })}
                  <Tag style={{ marginInlineStart: 8 }}>{t(`sms.purpose.${tpl.purpose}`)}</Tag>
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item name="locale" label={t('sms.locale')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        {template && template.variables.length > 0 && (
          <>
            <Typography.Text strong>{t('sms.variables')}</Typography.Text>
            {template.variables.map((name) => {
              const auto = AUTO_VARIABLES.has(name);
              return (
                <Form.Item
                  key={`${template.code}-${name}`}
                  name={['variables', name]}
                  label={variableLabel(name)}
                  extra={auto ? t('sms.autoFilled') : undefined}
                  rules={
                    auto
                      ? []
                      : [
                          {
                            required: true,
                            whitespace: true,
                            message: t('sms.variableRequired', { name: variableLabel(name) }),
                          },
                        ]
                  }
                  style={{ marginTop: 8, marginBottom: 8 }}
                >
                  <Input maxLength={200} data-testid={`sms-var-${name}`} />
                </Form.Item>
              );
            })}
          </>
        )}
        {template && (
          <div style={{ marginTop: 12 }}>
            <Typography.Text strong>{t('sms.preview')}</Typography.Text>
            <div
              data-testid="sms-preview"
              style={{
                marginTop: 6,
                background: '#f6ffed',
                border: '1px solid #b7eb8f',
                borderRadius: 8,
                padding: '8px 12px',
                whiteSpace: 'pre-wrap',
              }}
            >
              {preview}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('sms.length', { count: [...preview].length })}
            </Typography.Text>
          </div>
        )}
      </Form>
      <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          type="primary"
          loading={send.isPending}
          disabled={!template}
          onClick={() => form.submit()}
          data-testid="sms-send"
        >
          {t('sms.send')}
        </Button>
      </Flex>
    </div>
  );
}
