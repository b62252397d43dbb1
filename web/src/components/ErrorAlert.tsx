import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

type Props = { error: unknown; onRetry?: () => void; style?: React.CSSProperties };

/** The API's message (translated for known codes) with the request id for support. */
export function ErrorAlert({ error, onRetry, style }: Props) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      title={t('common.errorTitle')}
      description={<ErrorText error={error} />}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function errorMessage(t: (key: string) => string, error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'RATE_LIMITED' || error.code === 'NETWORK_ERROR') return t(`errors.${error.code}`);
    return error.message || t('errors.generic');
  }
  return error instanceof Error ? error.message : t('errors.generic');
}

export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const requestId = isApiError(error) ? error.requestId : null;
  return (
    <>
      <div>{errorMessage(t, error)}</div>
      {isApiError(error) && error.issues.length > 0 && (
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          {error.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path}: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {requestId && (
        <div style={{ opacity: 0.65, fontSize: 12, marginTop: 4 }}>
          {t('common.requestId', { id: requestId })}
        </div>
      )}
    </>
  );
}
