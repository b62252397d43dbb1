import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './request-hash';

const outcome = {
  route: 'POST /api/tasks/:id/outcome',
  params: { id: 7 },
  body: { disposition: 'refused', reason: 'price', notes: 'too dear' },
};

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves undefined members out', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"z":1}]},"b":1}',
    );
  });

  it('writes dates as ISO instants and undefined array items as null', () => {
    expect(canonicalJson([new Date(Date.UTC(2026, 0, 2)), undefined])).toBe(
      '["2026-01-02T00:00:00.000Z",null]',
    );
  });
});

describe('requestHash', () => {
  it('is the same for the same request whatever the key order', () => {
    const reordered = {
      body: { notes: 'too dear', reason: 'price', disposition: 'refused' },
      params: { id: 7 },
      route: 'POST /api/tasks/:id/outcome',
    };
    expect(requestHash(reordered)).toBe(requestHash(outcome));
  });

  it('differs when the body, the parameters or the route differ', () => {
    const base = requestHash(outcome);
    expect(requestHash({ ...outcome, body: { ...outcome.body, reason: 'service' } })).not.toBe(base);
    expect(requestHash({ ...outcome, params: { id: 8 } })).not.toBe(base);
    expect(requestHash({ ...outcome, route: 'POST /api/subscribers/:id/contacts' })).not.toBe(base);
    expect(requestHash({ ...outcome, query: { skipBad: true } })).not.toBe(base);
  });

  it('tells a missing body from an empty one only by content, not by absence', () => {
    expect(requestHash({ route: 'POST /x', params: {}, body: undefined })).toBe(
      requestHash({ route: 'POST /x', params: {}, body: null }),
    );
    expect(requestHash({ route: 'POST /x', params: {}, body: {} })).not.toBe(
      requestHash({ route: 'POST /x', params: {}, body: null }),
    );
  });
});
