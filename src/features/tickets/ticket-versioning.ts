import { AppError } from '#src/lib/app-error';

/**
 * Optimistic concurrency for tickets (issue 6 §4). A write names the version it was based on,
 * either as an HTTP precondition (`If-Match: "7"` or the weak `W/"7"`, as the ETag was sent) or as
 * `version` in the body. The two travel through different paths, so they fail differently: a
 * stale If-Match is a failed precondition (412), a stale body version a conflict (409).
 */
export type ExpectedVersion = { version: number; via: 'if-match' | 'body' };

const ENTITY_TAG = /^\s*(?:W\/)?"(\d{1,9})"\s*$/;

/** The version an If-Match header names; null when absent; a 400 naming the header when unreadable. */
export function parseIfMatch(header: string | string[] | undefined): number | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '') return null;
  const match = ENTITY_TAG.exec(value);
  if (!match?.[1]) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', {
      issues: [
        { path: 'headers.if-match', message: 'must be one entity tag such as "3" (the ETag received)' },
      ],
    });
  }
  return Number(match[1]);
}

/** The header wins over the body when both are given: it is the HTTP way of saying it. */
export function expectedVersionOf(ifMatch: number | null, bodyVersion: number | undefined): ExpectedVersion {
  if (ifMatch !== null) return { version: ifMatch, via: 'if-match' };
  if (bodyVersion !== undefined) return { version: bodyVersion, via: 'body' };
  throw new AppError(
    'PRECONDITION_REQUIRED',
    'Say which version you are changing: send If-Match with the ETag you read, or "version" in the body',
  );
}

/** Refuses a write based on another version than the one stored (read under the row lock). */
export function assertCurrentVersion(expected: ExpectedVersion, current: number): void {
  if (expected.version === current) return;
  const message = `Someone changed this ticket meanwhile (you sent version ${expected.version}, it is now ${current}); reload and apply your change again`;
  const details = { currentVersion: current };
  if (expected.via === 'if-match') throw new AppError('PRECONDITION_FAILED', message, details);
  throw new AppError('CONFLICT', message, details);
}

/** The ETag of a ticket at a version: a strong tag, the version number quoted. */
export function etagOf(version: number): string {
  return `"${version}"`;
}
