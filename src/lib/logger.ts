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

/**
 * Error lines keep pino's shape with any MSISDN or ID number in them masked: a failed query quotes
 * its parameters in its message and carries them as `params`, and those may be a subscriber's number.
 */
function errorSerializer(error: Error) {
  return maskDeep(pino.stdSerializers.err(error));
}

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return redactPersonalData(value);
  if (typeof value === 'number' && Number.isInteger(value)) {
    const masked = redactPersonalData(String(value));
    return masked === String(value) ? value : masked;
  }
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, maskDeep(v)]));
  }
  return value;
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: requestSerializer, err: errorSerializer },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
