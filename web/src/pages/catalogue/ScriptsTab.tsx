import { EditOutlined, EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchScripts, svKeys } from '../../api/supervision';
import type { ScriptSummary } from '../../api/types-supervision';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { ScriptEditorDrawer } from './ScriptEditorDrawer';

/** The call scripts by scenario; analysts open one in the editor with the live phrase check. */
export function ScriptsTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const scripts = useQuery({ queryKey: svKeys.scripts, queryFn: fetchScripts });
  const [open, setOpen] = useState<string | null>(null);

  const columns: ColumnsType<ScriptSummary> = [
    {
      key: 'title',
      title: t('scripts.list.title'),
      render: (_, s) => (lang === 'zh-CN' ? s.titleZh : s.titleEn),
    },
    { key: 'code', title: t('scripts.list.code'), dataIndex: 'code' },
    {
      key: 'scenario',
      title: t('scripts.list.scenario'),
      render: (_, s) => t(`scripts.scenarios.${s.scenario}`, { defaultValue: s.scenario }),
    },
    { key: 'version', title: t('scripts.list.version'), align: 'right', render: (_, s) => `v${s.version}` },
    {
      key: 'updated',
      title: t('scripts.list.updated'),
      render: (_, s) => `${formatDateTime(s.updatedAt)} · ${s.updatedBy ?? t('scripts.list.seeded')}`,
      responsive: ['md'],
    },
    {
      key: 'open',
      title: t('common.actions'),
      render: (_, s) => (
        <Button
          size="small"
          icon={canManage ? <EditOutlined /> : <EyeOutlined />}
          onClick={() => setOpen(s.code)}
          data-testid={`script-open-${s.code}`}
        >
          {canManage ? t('catalogue.edit') : t('scripts.list.view')}
        </Button>
      ),
    },
  ];

  return (
    <>
      {scripts.isError && <ErrorAlert error={scripts.error} onRetry={() => void scripts.refetch()} />}
      <Table<ScriptSummary>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={scripts.data?.items ?? []}
        loading={scripts.isPending}
        pagination={false}
        locale={{ emptyText: t('scripts.list.empty') }}
        onRow={(s) => ({ 'data-testid': `script-row-${s.code}` }) as HTMLAttributes<HTMLElement>}
      />
      <ScriptEditorDrawer
        code={open}
        variables={scripts.data?.variables ?? []}
        triggers={scripts.data?.objectionTriggers ?? []}
        readOnly={!canManage}
        onClose={() => setOpen(null)}
      />
    </>
  );
}
