// Whole requests for one operation: about half conform to the document (path ids drawn from the
// seeded world through hints), the rest carry exactly one mutation — in one parameter, in the
// body, or in the body's bytes (malformed JSON, prototype keys, wrong media type, empty, too
// large) — so the server's 400 must name one known field path.
import fc from 'fast-check';
import { type Invalid, type InvalidKind, invalidValue, RawJson } from './invalid-arbitrary';
import type { Location, Operation, ParameterSet, Schema } from './openapi-operations';
import { type GenerationContext, type Hint, type Transport, validValue } from './schema-arbitrary';

export type BodyMutation =
  | 'malformed JSON'
  | 'prototype key'
  | 'wrong media type'
  | 'empty JSON body'
  | 'body too large'
  | 'missing body';

export type FuzzRequest = {
  /** 'valid', or the one mutation applied. */
  intent: 'valid' | InvalidKind | BodyMutation;
  /** Where the mutation is: the field path a 400 must name (e.g. body.note, querystring.page). */
  expectedPath?: string;
  location?: Location;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** The decoded inputs, for the validator's second opinion and for failure reports. */
  parts: {
    params: Record<string, unknown>;
    querystring: Record<string, unknown>;
    headers: Record<string, unknown>;
    body?: unknown;
  };
  /** False when the payload's bytes are what is wrong (no JSON value to validate). */
  bodyIsJson: boolean;
};

/** An operation whose body the document does not describe (a multipart upload): the field name of its file. */
export type Upload = { field: string; sample: fc.Arbitrary<string> };

export type RequestContext = {
  resolve: (ref: string) => Schema;
  /** Real values by location and field path (e.g. ['params', 'id']). */
  hint: (location: Location) => Hint | undefined;
  upload?: Upload;
};

type Parts = FuzzRequest['parts'] & { bodyText?: string | Buffer; contentType?: string };

const MALFORMED_JSON = [
  '{',
  '{"a":1,}',
  "{'a':1}",
  '[1,2',
  'nul',
  '{"a":"\\x"}',
  '{"a":1}}',
  '{"a":01}',
  '\u0000{}',
];
const PROTOTYPE_KEYS = ['{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"isAdmin":true}}}'];
const BODY_LIMIT = 1024 * 1024;

export function requestArbitrary(op: Operation, ctx: RequestContext): fc.Arbitrary<FuzzRequest> {
  const gen = (location: Location, transport: Transport): GenerationContext => ({
    resolve: ctx.resolve,
    transport,
    ...(ctx.hint(location) ? { hint: ctx.hint(location) as Hint } : {}),
  });
  const sets = {
    params: parameterSchema(op.params),
    querystring: parameterSchema(op.querystring),
    headers: parameterSchema(op.headers),
  };
  const ctxOf = {
    params: gen('params', 'url'),
    querystring: gen('querystring', 'url'),
    headers: gen('headers', 'header'),
    body: gen('body', 'json'),
  };
  const validParts = fc.record({
    params: validValue(sets.params, ctxOf.params) as fc.Arbitrary<Record<string, unknown>>,
    querystring: validValue(sets.querystring, ctxOf.querystring) as fc.Arbitrary<Record<string, unknown>>,
    headers: validValue(sets.headers, ctxOf.headers) as fc.Arbitrary<Record<string, unknown>>,
    body: op.body
      ? op.body.required
        ? validValue(op.body.schema, ctxOf.body)
        : fc.option(validValue(op.body.schema, ctxOf.body), { nil: undefined })
      : fc.constant(undefined),
  });
  const upload = ctx.upload;
  const valid = upload
    ? fc
        .tuple(validParts, upload.sample)
        .map(([parts, csv]) => withUpload(upload.field, csv, build(op, parts, 'valid')))
    : validParts.map((parts) => build(op, parts, 'valid'));

  const mutations: fc.Arbitrary<FuzzRequest>[] = [];
  for (const location of ['params', 'querystring', 'headers'] as const) {
    // A path parameter cannot be left out or empty: the URL would name another route.
    const schema = location === 'params' ? { ...sets.params, required: [] } : sets[location];
    const bad = invalidValue(schema, ctxOf[location]);
    if (!bad) continue;
    const usable =
      location === 'params'
        ? bad.filter((invalid) => Object.values(invalid.value as object).every((v) => text(v) !== ''))
        : bad;
    mutations.push(
      fc.tuple(validParts, usable).map(([parts, invalid]) => mutate(op, parts, location, invalid)),
    );
  }
  if (op.body) {
    const bad = invalidValue(op.body.schema, ctxOf.body);
    if (bad)
      mutations.push(fc.tuple(validParts, bad).map(([parts, invalid]) => mutate(op, parts, 'body', invalid)));
  }
  const bytes = bodyMutations(op, ctx);
  if (bytes)
    mutations.push(
      fc
        .tuple(validParts, bytes)
        .map(([parts, mutation]) => build(op, { ...parts, ...mutation.parts }, mutation.intent, 'body')),
    );

  if (mutations.length === 0) return valid;
  return fc.oneof({ weight: 1, arbitrary: valid }, { weight: 1, arbitrary: fc.oneof(...mutations) });
}

/** A location's parameters as one object schema (no unknown-parameter rule: the document cannot say). */
function parameterSchema(set: ParameterSet): Schema {
  return { type: 'object', properties: set.properties, required: set.required };
}

function mutate(op: Operation, parts: Parts, location: Location, invalid: Invalid): FuzzRequest {
  const next: Parts = { ...parts, [location]: invalid.value };
  return build(op, next, invalid.kind, location, invalid.at);
}

/** Mutations of the body's bytes: what a JSON parser, not a schema, must refuse. */
function bodyMutations(
  op: Operation,
  ctx: RequestContext,
): fc.Arbitrary<{ intent: BodyMutation; parts: Partial<Parts> }> | undefined {
  if (op.method === 'GET' || op.method === 'HEAD') return undefined;
  const json = (intent: BodyMutation, texts: string[]) =>
    fc.constantFrom(...texts).map((text) => ({
      intent,
      parts: { body: undefined, bodyText: text, contentType: 'application/json' },
    }));
  type Option = fc.WeightedArbitrary<{ intent: BodyMutation; parts: Partial<Parts> }>;
  const options: Option[] = [
    { weight: 4, arbitrary: json('malformed JSON', MALFORMED_JSON) },
    { weight: 2, arbitrary: json('prototype key', PROTOTYPE_KEYS) },
    { weight: 2, arbitrary: json('empty JSON body', ['']) },
    {
      weight: 2,
      arbitrary: fc.constant({
        intent: 'wrong media type' as const,
        parts: { body: undefined, bodyText: '<a>1</a>', contentType: 'application/xml' },
      }),
    },
    // Rare: a megabyte per request adds up over 400k requests.
    {
      weight: 1,
      arbitrary: fc.constant(0).map(() => ({
        intent: 'body too large' as const,
        parts: {
          body: undefined,
          bodyText: `{"a":"${'x'.repeat(BODY_LIMIT + 16)}"}`,
          contentType: 'application/json',
        },
      })),
    },
  ];
  if ((op.body?.required ?? false) || ctx.upload)
    options.push({
      weight: 2,
      arbitrary: fc.constant({
        intent: 'missing body' as const,
        parts: { body: undefined, bodyText: undefined, contentType: undefined },
      }),
    });
  return fc.oneof(...options);
}

function build(
  op: Operation,
  parts: Parts,
  intent: FuzzRequest['intent'],
  location?: Location,
  at: readonly string[] = [],
): FuzzRequest {
  const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(text(parts.params[name])),
  );
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parts.querystring ?? {}))
    if (value !== undefined) query.append(name, text(value));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parts.headers ?? {}))
    if (value !== undefined) headers[name] = text(value);

  let payload: string | Buffer | undefined;
  let bodyIsJson = true;
  if ('bodyText' in parts) {
    bodyIsJson = false;
    payload = parts.bodyText;
    if (parts.contentType) headers['content-type'] = parts.contentType;
  } else if (parts.body !== undefined) {
    payload = stringify(parts.body);
    headers['content-type'] = 'application/json';
  }
  const search = query.toString();
  return {
    intent,
    ...(location ? { location, expectedPath: [location, ...at].join('.') } : {}),
    method: op.method,
    url: search ? `${url}?${search}` : url,
    headers,
    ...(payload !== undefined ? { payload } : {}),
    parts: { params: parts.params, querystring: parts.querystring, headers: parts.headers, body: parts.body },
    bodyIsJson,
  };
}

/** The request with a multipart/form-data body of one generated CSV file (the document does not describe it). */
function withUpload(field: string, csv: string, request: FuzzRequest): FuzzRequest {
  const boundary = '----vipdeskfuzz7MA4YWxkTrZu0gW';
  const payload = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="fuzz.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  return {
    ...request,
    headers: { ...request.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
    bodyIsJson: false,
  };
}

function text(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** JSON text of a value that may hold RawJson numbers (written as they are: 1e400). */
export function stringify(value: unknown): string {
  const raws: string[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `__vipdesk_raw_json_${raws.length - 1}__`;
    }
    return v;
  });
  return json.replace(/"__vipdesk_raw_json_(\d+)__"/g, (_, i: string) => raws[Number(i)] ?? 'null');
}

/** The body as a validator sees it: RawJson numbers become the JavaScript numbers they parse to. */
export function parsedBody(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(stringify(value));
}
