import pino, { type Logger, type LoggerOptions } from 'pino';
import { redactPersonalData } from './redact';

/**
 * Paths whose values never reach a log: MSISDNs and ID numbers anywhere in a logged object, and
 * credentials. Pino replaces them with "[redacted]" before serialising.
 */
export const REDACTED_PATHS = [
  'msisdn',
  '*.msisdn',
  '*.*.msisdn',
  'idNumber',
  '*.idNumber',
  '*.*.idNumber',
  'id_number',
  '*.id_number',
  'password',
  '*.password',
  'req.headers.cookie',
  'req.headers.authorization',
];

type LoggedRequest = { method?: string; url?: string; id?: unknown; ip?: string };

/**
 * Request lines keep method, URL and address, with any MSISDN or ID number in the URL masked: a
 * search for a full number must not write that number to the log.
 */
function requestSerializer(request: LoggedRequest) {
  return {
    method: request.method,
    url: request.url === undefined ? undefined : redactPersonalData(request.url),
    id: request.id,
    remoteAddress: request.ip,
  };
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: requestSerializer },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
