import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { CategoryTreeSelect } from '../tickets/CategoryTreeSelect';

type Props = { prefix: (string | number)[]; testPrefix: string };

/** Category (from the tree) and title of the ticket to open. */
export function TicketRequestFields({ prefix, testPrefix }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={[...prefix, 'category']}
        label={t('tickets.fields.category')}
        rules={[{ required: true, message: t('contactLog.required.category') }]}
        style={{ marginBottom: 12 }}
      >
        <CategoryTreeSelect testId={`${testPrefix}-category`} />
      </Form.Item>
      <Form.Item
        name={[...prefix, 'title']}
        label={t('tickets.fields.title')}
        rules={[{ required: true, whitespace: true, message: t('contactLog.required.title') }]}
        style={{ marginBottom: 12 }}
      >
        <Input maxLength={200} data-testid={`${testPrefix}-title`} />
      </Form.Item>
    </>
  );
}
