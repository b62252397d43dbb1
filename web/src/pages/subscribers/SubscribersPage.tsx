import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { searchSubscribers } from '../../api/subscribers';
import type { SubscriberQuery } from '../../api/types';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toPositiveInt, useUrlQuery } from '../../components/useUrlQuery';
import { formatDate } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { ExportModal } from './ExportModal';
import { FILTER_KEYS, FilterBar } from './FilterBar';
import { SearchBar } from './SearchBar';
import { SubscriberTable } from './SubscriberTable';

const URL_KEYS = ['q', ...FILTER_KEYS, 'page', 'pageSize'] as const;

export function SubscribersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [values, update] = useUrlQuery(URL_KEYS);
  const page = toPositiveInt(values.page, 1);
  const pageSize = Math.min(toPositiveInt(values.pageSize, 20), 200);
  const lang = currentLanguage();
  const query: SubscriberQuery = { ...values, page, pageSize };
  const [exporting, setExporting] = useState(false);

  const result = useQuery({
    queryKey: ['subscribers', 'list', query, lang],
    queryFn: () => searchSubscribers(query, lang),
    placeholderData: keepPreviousData,
  });

  const data = result.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} className="vd-page-title" style={{ marginBottom: 0 }}>
          {t('subscribers.title')}
        </Typography.Title>
        {can(me, 'subscribers.export') && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => setExporting(true)}
            data-testid="subscriber-export"
          >
            {t('subscribers.export')}
          </Button>
        )}
      </Flex>
      <ExportModal open={exporting} query={query} lang={lang} onClose={() => setExporting(false)} />
      <Card>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <SearchBar value={values.q ?? ''} onSearch={(q) => update({ q, page: undefined })} />
          <FilterBar
            values={values}
            onChange={(key, value) => update({ [key]: value, page: undefined })}
            onClear={() => update({ q: values.q, pageSize: values.pageSize }, true)}
          />
        </Space>
      </Card>
      {result.isError && <ErrorAlert error={result.error} onRetry={() => void result.refetch()} />}
      <Card
        title={
          data &&
          (data.runId === null ? (
            <Typography.Text type="warning">{t('subscribers.noRun')}</Typography.Text>
          ) : (
            <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
              {t('subscribers.asOf', { date: formatDate(data.asOf), run: data.runId })}
            </Typography.Text>
          ))
        }
        styles={{ body: { padding: 0 } }}
      >
        <SubscriberTable
          data={data}
          loading={result.isFetching}
          page={page}
          pageSize={pageSize}
          onPage={(nextPage, nextSize) =>
            update({
              page: nextSize !== pageSize ? undefined : nextPage,
              pageSize: nextSize === 20 ? undefined : nextSize,
            })
          }
          onOpen={can(me, 'subscribers.view') ? (id) => void navigate(`/subscribers/${id}`) : null}
        />
      </Card>
    </Space>
  );
}
