import { describe, expect, it } from 'vitest';
import { decideStoredKey, idempotencyKeySchema, type StoredKey } from './idempotency-key';

const now = new Date('2026-03-01T08:00:00Z');
const stored: StoredKey = {
  route: 'POST /api/tasks/:id/outcome',
  requestHash: 'abc',
  responseStatus: 200,
  expiresAt: new Date('2026-03-02T08:00:00Z'),
};
const same = { route: stored.route, requestHash: stored.requestHash };

describe('decideStoredKey', () => {
  it('replays the same request answered before', () => {
    expect(decideStoredKey(stored, same, now)).toBe('replay');
  });

  it('refuses another body or another route under the same key', () => {
    expect(decideStoredKey(stored, { ...same, requestHash: 'def' }, now)).toBe('reused');
    expect(decideStoredKey(stored, { ...same, route: 'POST /api/subscribers/:id/contacts' }, now)).toBe(
      'reused',
    );
  });

  it('calls a same request without an answer yet pending', () => {
    expect(decideStoredKey({ ...stored, responseStatus: null }, same, now)).toBe('pending');
  });

  it('forgets a key at its expiry, whatever the request', () => {
    const expired = { ...stored, expiresAt: now };
    expect(decideStoredKey(expired, same, now)).toBe('expired');
    expect(decideStoredKey(expired, { ...same, requestHash: 'def' }, now)).toBe('expired');
  });
});

describe('idempotencyKeySchema', () => {
  it('takes a UUID and any printable ASCII up to 255 characters', () => {
    expect(idempotencyKeySchema.safeParse('0b6c1c9e-6f7b-4a36-9a43-3f1f3f0c2a11').success).toBe(true);
    expect(idempotencyKeySchema.safeParse('a'.repeat(255)).success).toBe(true);
    expect(idempotencyKeySchema.safeParse('outcome 42 / retry~!').success).toBe(true);
  });

  it('refuses an empty key, a longer one and non-printable or non-ASCII characters', () => {
    for (const bad of ['', 'a'.repeat(256), 'tab\there', 'bell\u0007', '键', 'del\u007f']) {
      expect(idempotencyKeySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
