// Valid values for a schema of the OpenAPI document, as fast-check arbitraries.
//
// Hand-written on purpose: zod-fast-check does not support zod 4, and json-schema-faker gives
// values only — no invalid values and no shrinking. Working from the published document (not the
// zod source) also tests what clients are told: a value this module makes conforms to the document.
import fc from 'fast-check';
import { dereference, type Schema } from './openapi-operations';

/** Real values for an input (path ids of the seeded world, codes, user ids), by field path. */
export type Hint = (path: readonly string[], schema: Schema) => fc.Arbitrary<unknown> | undefined;

export type Transport = 'json' | 'url' | 'header';

export type GenerationContext = {
  resolve: (ref: string) => Schema;
  hint?: Hint;
  /** Header values must be visible ASCII; JSON and URLs carry any text. */
  transport: Transport;
};

/** Text that has broken services before: zh-CN, SQL and HTML metacharacters, control and combining characters. */
export const NASTY_TEXT = [
  '客户要求回拨，宽带故障',
  '话费争议：上月多扣 ¥128.00',
  '张伟',
  "O'Brien",
  "'; DROP TABLE subscribers; --",
  '" OR "1"="1',
  '1 OR 1=1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '%s%n%x',
  '../../etc/passwd',
  '\\',
  '$1 $$ $& $`',
  '\u0000',
  '\t\r\n',
  'e\u0301',
  '\u202Eevil',
  '😀👍🏽',
  'ｆｕｌｌｗｉｄｔｈ',
  '13912340000',
  '   ',
  'null',
  'undefined',
  'NaN',
  '-1',
];
const HEADER_TEXT = ["'; DROP TABLE x; --", '<b>', '%00', '../..', 'null', '-1', 'key_1', ' a ', '"q"'];
const ZH = '客户要求回拨宽带故障话费争议流量套餐投诉满意度营业厅南京苏州携号转网';

export function validValue(
  schema: Schema,
  ctx: GenerationContext,
  path: readonly string[] = [],
): fc.Arbitrary<unknown> {
  const generic = validIgnoringHints(schema, ctx, path);
  const hinted = ctx.hint?.(path, dereference(schema, ctx.resolve));
  if (!hinted) return generic;
  // Mostly real values (so requests reach the services), sometimes any value the document allows.
  return fc.oneof({ weight: 4, arbitrary: hinted }, { weight: 1, arbitrary: generic });
}

function validIgnoringHints(
  raw: Schema,
  ctx: GenerationContext,
  path: readonly string[],
): fc.Arbitrary<unknown> {
  const schema = dereference(raw, ctx.resolve);
  const base = nonNullValue(schema, ctx, path);
  return schema.nullable
    ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) })
    : base;
}

function nonNullValue(
  schema: Schema,
  ctx: GenerationContext,
  path: readonly string[],
): fc.Arbitrary<unknown> {
  if (schema.enum) {
    const values = schema.enum.filter((v) => v !== null);
    return values.length ? fc.constantFrom(...values) : fc.constant(null);
  }
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return fc.oneof(...branches.map((branch) => validValue(branch, ctx, path)));
  if (schema.allOf) return validValue(mergeAllOf(schema, ctx), ctx, path);
  switch (schema.type) {
    case 'string':
      return stringValue(schema, ctx.transport);
    case 'integer':
      return integerValue(schema);
    case 'number':
      return numberValue(schema);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}, ctx, [...path, '*']), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? Number.POSITIVE_INFINITY, (schema.minItems ?? 0) + 4),
      });
    case 'object':
      return objectValue(schema, ctx, path);
    default:
      return schema.properties ? objectValue(schema, ctx, path) : fc.jsonValue({ maxDepth: 2 });
  }
}

function objectValue(schema: Schema, ctx: GenerationContext, path: readonly string[]): fc.Arbitrary<unknown> {
  const properties = { ...schema.properties };
  const extra = schema.additionalProperties;
  // A record with required keys (z.record over an enum) names them only in `required`.
  for (const key of schema.required ?? [])
    if (!properties[key] && extra && typeof extra === 'object') properties[key] = extra;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties))
    model[key] = validValue(property, ctx, [...path, key]);
  const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
  if (!extra || typeof extra !== 'object') return record;
  // A record (z.record): a few keys, real ones when a hint knows them.
  const keys = fc.stringMatching(/^[a-z][a-z_]{0,11}$/);
  const values = fc.dictionary(keys, validValue(extra, ctx, [...path, '{value}']), { maxKeys: 3 });
  return fc.tuple(record, values).map(([fixed, more]) => ({ ...more, ...(fixed as object) }));
}

/** zod names a reused schema with a one-element allOf; several parts are merged property-wise. */
export function mergeAllOf(schema: Schema, ctx: GenerationContext): Schema {
  const { allOf: parts = [], ...merged } = schema;
  for (const raw of parts) {
    const part = dereference(raw, ctx.resolve);
    Object.assign(merged, part, {
      properties: { ...merged.properties, ...part.properties },
      required: [...(merged.required ?? []), ...(part.required ?? [])],
    });
  }
  return merged;
}

export function stringValue(schema: Schema, transport: Transport): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 200);
  const fits = (s: string) => s.length >= min && s.length <= max;
  if (schema.format === 'date') return dateValue().map((d) => d.toISOString().slice(0, 10));
  if (schema.format === 'date-time') return dateValue().map((d) => d.toISOString());
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return fc.stringMatching(pattern, { size: 'xsmall' }).filter(fits);
  }
  return textValue(transport, min, max);
}

/** Free text between min and max characters: words, zh-CN, metacharacters, a long line now and then. */
export function textValue(transport: Transport, min: number, max: number): fc.Arbitrary<string> {
  const unit =
    transport === 'header'
      ? fc.oneof(
          fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 8 }).map(visibleAscii),
          fc.constantFrom(...HEADER_TEXT),
        )
      : fc.oneof(
          { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }) },
          { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...ZH), minLength: 1, maxLength: 6 }) },
          { weight: 2, arbitrary: fc.constantFrom(...NASTY_TEXT) },
        );
  const pieces = fc.array(unit, { maxLength: 6 }).map((parts) => parts.join(' '));
  const long = fc.constant(0).map(() => 'VIP客户'.repeat(Math.ceil(max / 5)));
  return fc
    .oneof({ weight: 9, arbitrary: pieces }, { weight: 1, arbitrary: long })
    .map((text) => fitLength(text, min, max, transport === 'header' ? 'k' : '字'));
}

/**
 * Cut to `max` UTF-16 units (zod's measure) without splitting a surrogate pair, then pad to `min`
 * code points (JSON Schema's measure), so the text is valid by both.
 */
function fitLength(text: string, min: number, max: number, pad: string): string {
  let cut = text;
  if (cut.length > max) {
    cut = cut.slice(0, max);
    if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  }
  const codePoints = [...cut].length;
  return codePoints >= min ? cut : cut + pad.repeat(min - codePoints);
}

function visibleAscii(text: string): string {
  return text.replace(/[^\x21-\x7E]/g, 'x') || 'x';
}

function dateValue(): fc.Arbitrary<Date> {
  return fc.date({
    min: new Date('2019-01-01T00:00:00Z'),
    max: new Date('2031-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
}

export type Bounds = { min: number; max: number };

/** The inclusive bounds of a numeric schema (OpenAPI 3.0: exclusiveMinimum is a flag on minimum). */
export function numericBounds(schema: Schema, integer: boolean): Bounds {
  const step = integer ? 1 : Number.EPSILON * 4;
  let min = schema.minimum ?? (integer ? Number.MIN_SAFE_INTEGER : -1e12);
  let max = schema.maximum ?? (integer ? Number.MAX_SAFE_INTEGER : 1e12);
  if (typeof schema.exclusiveMinimum === 'number') min = schema.exclusiveMinimum + step;
  else if (schema.exclusiveMinimum === true)
    min = integer ? min + 1 : min + Math.max(step, Math.abs(min) * 1e-12);
  if (typeof schema.exclusiveMaximum === 'number') max = schema.exclusiveMaximum - step;
  else if (schema.exclusiveMaximum === true)
    max = integer ? max - 1 : max - Math.max(step, Math.abs(max) * 1e-12);
  return { min, max };
}

function integerValue(schema: Schema): fc.Arbitrary<number> {
  const { min, max } = numericBounds(schema, true);
  const lo = Math.ceil(min);
  const hi = Math.floor(max);
  const between = (a: number, b: number) => fc.bigInt({ min: BigInt(a), max: BigInt(b) }).map(Number);
  const nearZero = Math.min(Math.max(lo, -1000), hi);
  const small = between(nearZero, Math.min(hi, nearZero + 1000));
  const full = between(lo, hi);
  return fc.oneof(
    { weight: 3, arbitrary: small },
    { weight: 1, arbitrary: full },
    { weight: 1, arbitrary: fc.constantFrom(lo, hi) },
  );
}

function numberValue(schema: Schema): fc.Arbitrary<number> {
  const { min, max } = numericBounds(schema, false);
  const any = fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const lo = Math.ceil(Math.max(min, -1e6));
  const hi = Math.floor(Math.min(max, 1e6));
  const edges = fc.constantFrom(min, max);
  if (lo > hi) return fc.oneof({ weight: 3, arbitrary: any }, { weight: 1, arbitrary: edges });
  const round = fc.integer({ min: lo, max: hi });
  return fc.oneof(
    { weight: 2, arbitrary: any },
    { weight: 1, arbitrary: round },
    { weight: 1, arbitrary: edges },
  );
}
