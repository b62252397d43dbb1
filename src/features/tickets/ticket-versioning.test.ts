import { describe, expect, it } from 'vitest';
import { AppError } from '#src/lib/app-error';
import { ticketNo } from './ticket-number';
import { assertCurrentVersion, etagOf, expectedVersionOf, parseIfMatch } from './ticket-versioning';

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseIfMatch', () => {
  it('reads a strong and a weak entity tag, as the ETag was sent', () => {
    expect(parseIfMatch('"7"')).toBe(7);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch(' "3" ')).toBe(3);
  });

  it('treats a missing or blank header as no precondition', () => {
    expect(parseIfMatch(undefined)).toBeNull();
    expect(parseIfMatch('')).toBeNull();
  });

  it('refuses an unreadable header with a 400 naming it', () => {
    for (const bad of ['7', '"abc"', '*', '"1", "2"', '"-1"']) {
      const error = errorOf(() => parseIfMatch(bad));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(error.details)).toContain('headers.if-match');
    }
  });

  it('round-trips the ETag it makes', () => {
    expect(parseIfMatch(etagOf(42))).toBe(42);
  });
});

describe('expectedVersionOf', () => {
  it('prefers the header to the body', () => {
    expect(expectedVersionOf(4, 9)).toEqual({ version: 4, via: 'if-match' });
    expect(expectedVersionOf(null, 9)).toEqual({ version: 9, via: 'body' });
  });

  it('requires one of them (428)', () => {
    expect(errorOf(() => expectedVersionOf(null, undefined)).status).toBe(428);
  });
});

describe('assertCurrentVersion', () => {
  it('lets the current version through', () => {
    expect(() => assertCurrentVersion({ version: 3, via: 'body' }, 3)).not.toThrow();
  });

  it('answers a stale If-Match with 412 and a stale body version with 409', () => {
    const viaHeader = errorOf(() => assertCurrentVersion({ version: 2, via: 'if-match' }, 3));
    expect(viaHeader.status).toBe(412);
    expect(viaHeader.details).toEqual({ currentVersion: 3 });
    expect(errorOf(() => assertCurrentVersion({ version: 2, via: 'body' }, 3)).status).toBe(409);
  });
});

describe('ticketNo', () => {
  it('pads the id to six digits after a T', () => {
    expect(ticketNo(42)).toBe('T000042');
    expect(ticketNo(1234567)).toBe('T1234567');
  });
});
