/**
 * The one error model: a stable string code, an HTTP status from one exhaustive map,
 * a message that is safe to show, and optional structured details (never driver text).
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  IMPORT_REJECTED: 422,
  UNSUPPORTED_FILE: 415,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** An If-Match naming an older version of the resource (optimistic concurrency). */
  PRECONDITION_FAILED: 412,
  /** A write to a versioned resource that names no version at all. */
  PRECONDITION_REQUIRED: 428,
  UNAUTHENTICATED: 401,
  SIGN_IN_FAILED: 401,
  PASSWORD_REJECTED: 400,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  STORE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}
