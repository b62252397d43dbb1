import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchSmsTemplates, svKeys } from '../../api/supervision';
import type { SmsSize, SmsTemplate } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SmsSizeTag } from './SmsSizeTag';
import { SmsTemplateDrawer } from './SmsTemplateDrawer';

type Editing = { template: SmsTemplate | null } | null;

/** The SMS templates with both bodies, their variables and how many message parts each takes. */
export function SmsTemplatesTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const templates = useQuery({ queryKey: svKeys.smsTemplates, queryFn: fetchSmsTemplates });
  const [editing, setEditing] = useState<Editing>(null);

  const body = (text: string, size: SmsSize) => (
    <Flex vertical gap={2}>
      <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>
        {text}
      </Typography.Paragraph>
      <span>
        <SmsSizeTag size={size} />
      </span>
    </Flex>
  );
  const columns: ColumnsType<SmsTemplate> = [
    {
      key: 'code',
      title: t('catalogue.sms.code'),
      render: (_, s) => (
        <Flex vertical>
          <Typography.Text strong>{s.code}</Typography.Text>
          <span>
            <Tag>{t(`catalogue.sms.purposes.${s.purpose}`, { defaultValue: s.purpose })}</Tag>
            {!s.isActive && <Tag color="default">{t('catalogue.offers.inactive')}</Tag>}
          </span>
        </Flex>
      ),
    },
    { key: 'zh', title: t('catalogue.sms.bodyZh'), render: (_, s) => body(s.bodyZh, s.sizeZh) },
    {
      key: 'en',
      title: t('catalogue.sms.bodyEn'),
      render: (_, s) => body(s.bodyEn, s.sizeEn),
      responsive: ['lg'],
    },
    {
      key: 'vars',
      title: t('catalogue.sms.variables'),
      render: (_, s) => s.variables.map((v) => <Tag key={v}>{`{${v}}`}</Tag>),
      responsive: ['md'],
    },
    ...(canManage
      ? [
          {
            key: 'edit',
            title: t('common.actions'),
            render: (_: unknown, s: SmsTemplate) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing({ template: s })}>
                {t('catalogue.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      {canManage && (
        <Flex justify="flex-end">
          <Button
            icon={<PlusOutlined />}
            onClick={() => setEditing({ template: null })}
            data-testid="sms-template-new"
          >
            {t('catalogue.sms.new')}
          </Button>
        </Flex>
      )}
      {templates.isError && <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} />}
      <Table<SmsTemplate>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={templates.data?.items ?? []}
        loading={templates.isPending}
        pagination={false}
        locale={{ emptyText: t('catalogue.sms.empty') }}
        onRow={(s) => ({ 'data-testid': `sms-template-row-${s.code}` }) as HTMLAttributes<HTMLElement>}
      />
      <SmsTemplateDrawer
        open={editing !== null}
        template={editing?.template ?? null}
        onClose={() => setEditing(null)}
      />
    </Flex>
  );
}
