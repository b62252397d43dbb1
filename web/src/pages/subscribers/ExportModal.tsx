import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { fetchSubscriberExport } from '../../api/subscribers';
import type { SubscriberQuery } from '../../api/types';
import { ErrorText } from '../../components/ErrorAlert';
import { downloadCsv } from '../service/csv';

type Props = { open: boolean; query: SubscriberQuery; lang: string; onClose: () => void };
type Values = { reason: string };

/**
 * Asks why (the export is audited with its reason) and downloads the CSV; a refusal — the daily
 * limit's 429 included — is shown here instead of a raw error page.
 */
export function ExportModal({ open, query, lang, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (values: Values) => fetchSubscriberExport(query, lang, values.reason.trim()),
    onSuccess: (csv) => {
      downloadCsv('subscribers.csv', csv);
      void message.success(t('subscribers.exportDialog.done'));
      form.resetFields();
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      title={t('subscribers.exportDialog.title')}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => mutation.reset()}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={mutation.isPending}
          onClick={() => form.submit()}
          data-testid="export-submit"
        >
          {t('subscribers.exportDialog.submit')}
        </Button>,
      ]}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('subscribers.exportDialog.warning')}
      />
      {mutation.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="export-error"
          title={<ErrorText error={mutation.error} />}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ reason: '' }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          name="reason"
          label={t('subscribers.exportDialog.reason')}
          rules={[
            { required: true, whitespace: true, message: t('subscribers.exportDialog.reasonRequired') },
            {
              validator: (_, value: string | undefined) => {
                const length = (value ?? '').trim().length;
                return length === 0 || (length >= 5 && length <= 200)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('subscribers.exportDialog.reasonLength')));
              },
            },
          ]}
        >
          <Input.TextArea
            rows={2}
            maxLength={200}
            showCount
            placeholder={t('subscribers.exportDialog.reasonPlaceholder')}
            data-testid="export-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
