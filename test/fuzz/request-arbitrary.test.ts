import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '#src/db/client';
import { buildTestApp, type TestApp } from '#test/support/app';
import { createTestDatabase } from '#test/support/database';
import { DocumentValidator, toDraft7 } from './document-validator';
import {
  type OpenApiDocument,
  type Operation,
  operationsOf,
  referenceResolver,
  type Schema,
} from './openapi-operations';
import { type FuzzRequest, parsedBody, requestArbitrary } from './request-arbitrary';

/**
 * The fuzzer's generator judged by the document it reads: what it calls valid conforms, what it
 * calls invalid is refused, and every kind of mutation turns up somewhere in the API. (The
 * document does not depend on the engine: PGlite only.)
 */
describe('fuzz request generator', () => {
  let handle: DbHandle;
  let t: TestApp;
  let document: OpenApiDocument;
  let validator: DocumentValidator;
  const samples: { op: Operation; request: FuzzRequest }[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    t = await buildTestApp(handle);
    document = t.app.swagger() as unknown as OpenApiDocument;
    validator = new DocumentValidator(document);
    const resolve = referenceResolver(document);
    for (const op of operationsOf(document)) {
      for (const request of fc.sample(requestArbitrary(op, { resolve, hint: () => undefined }), {
        numRuns: 40,
        seed: 8,
      }))
        samples.push({ op, request });
    }
  });
  afterAll(async () => {
    await t?.close();
    await handle?.close();
  });

  // One schema object per operation and location: the validator compiles each object once.
  const sets = new Map<string, Schema>();
  const refusals = (op: Operation, request: FuzzRequest) => {
    const set = (location: 'params' | 'querystring' | 'headers'): Schema => {
      const key = `${op.key} ${location}`;
      if (!sets.has(key))
        sets.set(key, {
          type: 'object',
          properties: op[location].properties,
          required: op[location].required,
        });
      return sets.get(key) as Schema;
    };
    const errors: string[] = (['params', 'querystring', 'headers'] as const).flatMap((location) =>
      validator
        .parameterErrors(set(location), request.parts[location] as Record<string, unknown>)
        .map(() => location),
    );
    if (op.body && request.bodyIsJson && request.parts.body !== undefined)
      errors.push(...validator.errors(op.body.schema, parsedBody(request.parts.body)).map(() => 'body'));
    return errors;
  };

  it('makes requests for every operation of the document, valid and invalid', () => {
    const operations = new Set(samples.map((s) => s.op.key));
    expect(operations.size).toBe(operationsOf(document).length);
    const invalid = samples.filter((s) => s.request.intent !== 'valid');
    expect(invalid.length).toBeGreaterThan(samples.length * 0.3);
  });

  it('makes valid requests that conform to the document', () => {
    const refused = samples
      .filter((s) => s.request.intent === 'valid' && refusals(s.op, s.request).length > 0)
      .map((s) => `${s.op.key} ${s.request.url}`);
    expect(refused).toEqual([]);
  });

  it('makes schema mutations the document refuses, at the location they name', () => {
    const mutations = samples.filter(
      (s) => s.request.intent !== 'valid' && s.request.bodyIsJson && s.request.location,
    );
    const biting = mutations.filter((s) => refusals(s.op, s.request).includes(s.request.location as string));
    // A few may not bite (an unknown key where the document allows any): the runner re-checks each one.
    expect(biting.length).toBeGreaterThan(mutations.length * 0.97);
    for (const { request } of mutations)
      expect(request.expectedPath?.startsWith(request.location as string)).toBe(true);
  });

  it('uses every kind of mutation somewhere in the API', () => {
    const kinds = new Set(samples.map((s) => s.request.intent));
    for (const kind of [
      'wrong type',
      'missing required',
      'unknown field',
      'below minimum',
      'above maximum',
      'not an integer',
      'huge number',
      'too short',
      'too long',
      'not in enum',
      'pattern mismatch',
      'bad format',
      'malformed JSON',
      'prototype key',
      'wrong media type',
      'empty JSON body',
      'missing body',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
  });
});

describe('OpenAPI 3.0 → JSON Schema draft-07', () => {
  it('turns nullable into a null branch and boolean exclusive bounds into numbers', () => {
    expect(toDraft7({ type: 'integer', minimum: 0, exclusiveMinimum: true, nullable: true })).toEqual({
      anyOf: [{ type: 'integer', exclusiveMinimum: 0 }, { type: 'null' }],
    });
    expect(toDraft7({ type: 'string', nullable: true, enum: [null] })).toEqual({ type: 'null' });
    expect(toDraft7({ $ref: '#/components/schemas/Campaign' })).toEqual({
      $ref: 'openapi#/definitions/Campaign',
    });
  });
});
