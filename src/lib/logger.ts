import pino, { type Logger, type LoggerOptions } from 'pino';

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

export function loggerOptions(level: string): LoggerOptions {
  return { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
