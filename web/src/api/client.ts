import type { ApiErrorBody, ApiIssue } from './types';

/** An API failure: the HTTP status and the error body the server sent (or a synthetic one). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly issues: ApiIssue[];
  /** What the server said beyond the message (refusal codes, lint findings …), when it did. */
  readonly details: Record<string, unknown> | null;

  constructor(
    status: number,
    code: string,
    message: string,
    requestId: string | null,
    issues: ApiIssue[],
    details: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.issues = issues;
    this.details = details;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

type RequestOptions = {
  query?: Query | undefined;
  body?: unknown;
  /** Do not redirect to sign-in on 401 (the caller handles it, e.g. GET /api/auth/me). */
  quiet401?: boolean;
  /** Extra request headers (e.g. If-Match on versioned writes). */
  headers?: Record<string, string>;
};

let onUnauthenticated: () => void = () => {
  if (window.location.pathname !== '/sign-in') window.location.assign('/sign-in');
};

/** Lets the app replace the default full-page redirect with a router navigation. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(0, 'NETWORK_ERROR', message, null, []);
  }
  const payload = await readBody(response);
  if (response.ok) return payload as T;

  const error = isErrorBody(payload)
    ? new ApiError(
        response.status,
        payload.error.code,
        payload.error.message,
        payload.error.requestId ?? null,
        payload.error.issues ?? [],
        payload.error.details ?? null,
      )
    : new ApiError(
        response.status,
        `HTTP_${response.status}`,
        response.statusText || 'Request failed',
        null,
        [],
      );
  if (error.status === 401 && error.code === 'UNAUTHENTICATED' && !options.quiet401) onUnauthenticated();
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query, quiet401 = false) => request<T>('GET', path, { query, quiet401 }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
};
