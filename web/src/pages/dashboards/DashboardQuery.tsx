import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

type DashboardQueryProps<T> = {
  name: string;
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
};

/** A dashboard's loading, "no scoring run yet" and error states around its card. */
export function DashboardQuery<T>({ name, query, children }: DashboardQueryProps<T>) {
  const { t } = useTranslation();
  if (query.data !== undefined) return <>{children(query.data)}</>;
  if (query.isError && isApiError(query.error, 'NOT_FOUND')) {
    return (
      <Card data-testid={`dashboard-${name}`}>
        <Empty description={t('dashboards.noRun')} data-testid={`dashboard-${name}-empty`} />
      </Card>
    );
  }
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Card>
      <Skeleton active paragraph={{ rows: 8 }} />
    </Card>
  );
}
