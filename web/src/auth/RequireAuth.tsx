import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import type { Permission } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { can, homePath } from './permissions';
import { useMe } from './useMe';

type Props = { permission?: Permission; children: ReactNode };

/** Renders children only for a signed-in user holding `permission` (when given). */
export function RequireAuth({ permission, children }: Props) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: 240 }}>
        <Spin size="large" />
      </div>
    );
  }
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (permission && !can(me.data, permission)) {
    return (
      <Result
        status="403"
        title={t('common.forbiddenTitle')}
        subTitle={t('common.forbidden')}
        extra={
          <Link to={homePath(me.data)}>
            <Button type="primary">{t('common.goHome')}</Button>
          </Link>
        }
      />
    );
  }
  return children;
}
