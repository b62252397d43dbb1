import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { saveSubscriberTags } from '../../api/subscribers';
import { TAG_CODES, TAG_FIELDS, type Tags, type TagValues } from '../../api/types-360';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/format';
import { codeLabel } from '../../i18n/codes';

type Props = { subscriberId: number; tags: Tags; editable: boolean };

function pickValues(tags: Tags): TagValues {
  return Object.fromEntries(TAG_FIELDS.map((field) => [field, tags[field]])) as TagValues;
}

/** The six agent-recorded tags (DOMAIN.md §5): editable by phone managers, read-only otherwise. */
export function TagsCard({ subscriberId, tags, editable }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TagValues>();
  const mutation = useMutation({
    mutationFn: (values: TagValues) => saveSubscriberTags(subscriberId, values),
    onSuccess: () => {
      void message.success(t('s360.tags.saved'));
      void queryClient.invalidateQueries({ queryKey: ['subscribers', '360', subscriberId] });
    },
  });

  const footer = tags.updatedAt
    ? t('s360.tags.updated', { by: tags.updatedBy ?? '—', at: formatDateTime(tags.updatedAt) })
    : t('s360.tags.never');

  return (
    <Card
      title={t('s360.tags.title')}
      extra={
        editable ? (
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={mutation.isPending}
            onClick={() => form.submit()}
            data-testid="tags-save"
          >
            {t('s360.tags.save')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('s360.tags.readOnly')}</Typography.Text>
        )
      }
    >
      {mutation.isError && <ErrorAlert error={mutation.error} style={{ marginBottom: 12 }} />}
      <Form<TagValues>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={pickValues(tags)}
        onFinish={(values) => mutation.mutate({ ...pickValues(tags), ...values })}
      >
        <Row gutter={16}>
          {TAG_FIELDS.map((field) => (
            <Col key={field} xs={24} sm={12} lg={8} xl={4}>
              <Form.Item name={field} label={codeLabel(t, 'tagField', field)} normalize={(v) => v ?? null}>
                <Select
                  allowClear
                  placeholder={t('s360.tags.placeholder')}
                  data-testid={`tag-${field}`}
                  options={TAG_CODES[field].map((code) => ({
                    value: code,
                    label: codeLabel(t, `tag.${field}`, code),
                  }))}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {footer}
      </Typography.Text>
    </Card>
  );
}
