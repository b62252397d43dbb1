import { Alert, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorAlert';

type Props = {
  open: boolean;
  title: string;
  label: string;
  requiredMessage: string;
  /** Prefix of the test ids: `<testId>-modal`, `<testId>-text`, `<testId>-submit`. */
  testId: string;
  pending: boolean;
  /** The last attempt's error; a stale-version error shows as `staleMessage`. */
  error: unknown;
  stale: boolean;
  onSubmit: (text: string) => void;
  onCancel: () => void;
};

/** One free-text field and OK (a note, a pause reason, a resolution, a reopen reason). Text is kept on errors. */
export function TextActionModal(props: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text: string }>();
  const { open } = props;
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={props.title}
      onCancel={props.onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ loading: props.pending, 'data-testid': `${props.testId}-submit` }}
      forceRender
      data-testid={`${props.testId}-modal`}
    >
      {props.error !== null && props.error !== undefined && (
        <Alert
          type={props.stale ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid={props.stale ? 'ticket-stale' : `${props.testId}-error`}
          title={props.stale ? t('tickets.stale') : <ErrorText error={props.error} />}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(values) => props.onSubmit(values.text.trim())}>
        <Form.Item
          name="text"
          label={props.label}
          rules={[{ required: true, whitespace: true, message: props.requiredMessage }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid={`${props.testId}-text`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
