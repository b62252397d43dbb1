import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { unmaskSubscriber } from '../../api/subscribers';
import type { UnmaskField, UnmaskResult } from '../../api/types-360';
import { ErrorText } from '../../components/ErrorAlert';
import { codeLabel } from '../../i18n/codes';

type Props = {
  open: boolean;
  subscriberId: number;
  hasIdNumber: boolean;
  onCancel: () => void;
  onRevealed: (result: UnmaskResult) => void;
};
type Values = { reason: string; fields: UnmaskField[] };

/** Asks why (PIPL: audited unmasking) and what to reveal, then calls the API. */
export function UnmaskModal({ open, subscriberId, hasIdNumber, onCancel, onRevealed }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (values: Values) => unmaskSubscriber(subscriberId, values.reason.trim(), values.fields),
    onSuccess: (result) => {
      form.resetFields(['reason']);
      onRevealed(result);
    },
  });
  const fields: UnmaskField[] = hasIdNumber ? ['msisdn', 'idNumber'] : ['msisdn'];

  return (
    <Modal
      open={open}
      title={t('s360.unmask.title')}
      onCancel={onCancel}
      destroyOnHidden
      afterClose={() => mutation.reset()}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="submit"
          type="primary"
          loading={mutation.isPending}
          onClick={() => form.submit()}
          data-testid="unmask-submit"
        >
          {t('s360.unmask.submit')}
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('s360.unmask.warning')} />
      {mutation.isError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="unmask-error"
          title={<ErrorText error={mutation.error} />}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ reason: '', fields }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <Form.Item
          name="reason"
          label={t('s360.unmask.reason')}
          rules={[
            { required: true, whitespace: true, message: t('s360.unmask.reasonRequired') },
            {
              validator: (_, value: string | undefined) => {
                const length = (value ?? '').trim().length;
                return length === 0 || (length >= 5 && length <= 200)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('s360.unmask.reasonLength')));
              },
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('s360.unmask.reasonPlaceholder')}
            data-testid="unmask-reason"
          />
        </Form.Item>
        <Form.Item
          name="fields"
          label={t('s360.unmask.fields')}
          rules={[{ required: true, type: 'array', min: 1, message: t('s360.unmask.fieldsRequired') }]}
        >
          <Checkbox.Group
            options={fields.map((field) => ({ value: field, label: codeLabel(t, 'unmaskField', field) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
