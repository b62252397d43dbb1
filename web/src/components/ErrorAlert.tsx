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

type Translate = (key: string, options?: Record<string, unknown>) => string;

const LIMITED_ACTIONS = new Set([
  'auth.sign_in',
  'subscriber.unmask',
  'subscriber.export',
  'service_report.bulk',
  'sms.send',
]);

/**
 * A 429 names its limit and how long to wait (details: action, limit, windowMinutes,
 * retryAfterSeconds): "too many …, try again in N minutes" in the reader's language.
 */
function rateLimitedMessage(t: Translate, details: Record<string, unknown> | null): string {
  const seconds = details?.retryAfterSeconds;
  if (typeof seconds !== 'number') return t('errors.RATE_LIMITED');
  const action = typeof details?.action === 'string' ? details.action : '';
  const windowMinutes = Number(details?.windowMinutes);
  const window =
    windowMinutes === 60
      ? t('errors.rateLimited.hour')
      : windowMinutes === 24 * 60
        ? t('errors.rateLimited.day')
        : t('errors.rateLimited.minutes', { n: windowMinutes });
  const key = LIMITED_ACTIONS.has(action) ? action.replace('.', '_') : 'other';
  return t(`errors.rateLimited.${key}`, {
    minutes: Math.max(1, Math.ceil(seconds / 60)),
    limit: details?.limit,
    window,
  });
}

export function errorMessage(t: Translate, error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'RATE_LIMITED') return rateLimitedMessage(t, error.details);
    // Said in the reader's language: nothing in these depends on the request.
    if (error.code === 'NETWORK_ERROR' || error.code === 'DATABASE_UNAVAILABLE')
      return t(`errors.${error.code}`);
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
