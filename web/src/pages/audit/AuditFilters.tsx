import { SearchOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS } from '../../api/types-admin';
import { codeLabel } from '../../i18n/codes';

export type AuditFilterValues = {
  actor?: string;
  action?: string;
  subscriberId?: string;
  from?: string;
  to?: string;
};
type FormValues = {
  actor?: string;
  action?: string;
  subscriberId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
};

type Props = { values: AuditFilterValues; onSearch: (values: AuditFilterValues) => void };

function toForm(values: AuditFilterValues): FormValues {
  const range: [Dayjs | null, Dayjs | null] | null =
    values.from || values.to
      ? [values.from ? dayjs(values.from) : null, values.to ? dayjs(values.to) : null]
      : null;
  return { actor: values.actor, action: values.action, subscriberId: values.subscriberId, range };
}

export function AuditFilters({ values, onSearch }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  useEffect(() => form.setFieldsValue(toForm(values)), [form, values]);

  const submit = (v: FormValues) =>
    onSearch({
      actor: v.actor?.trim() || undefined,
      action: v.action || undefined,
      subscriberId: v.subscriberId?.trim() || undefined,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });

  return (
    <Form<FormValues> form={form} layout="vertical" initialValues={toForm(values)} onFinish={submit}>
      <Row gutter={12} align="bottom">
        <Col xs={24} sm={12} lg={5}>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} data-testid="audit-filter-actor" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <Form.Item name="action" label={t('audit.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('common.all')}
              data-testid="audit-filter-action"
              options={AUDIT_ACTIONS.map((action) => ({
                value: action,
                label: `${codeLabel(t, 'auditAction', action)} (${action})`,
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={4}>
          <Form.Item
            name="subscriberId"
            label={t('audit.subscriber')}
            rules={[{ pattern: /^\d*$/, message: t('audit.subscriber') }]}
          >
            <Input allowClear inputMode="numeric" data-testid="audit-filter-subscriber" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="range" label={t('audit.dateRange')}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              allowEmpty={[true, true]}
              data-testid="audit-filter-range"
            />
          </Form.Item>
        </Col>
        <Col xs={24} lg={4}>
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SearchOutlined />}
              block
              data-testid="audit-search"
            >
              {t('common.search')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
