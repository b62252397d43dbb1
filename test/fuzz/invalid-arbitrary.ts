// Invalid values for a schema of the OpenAPI document: one mutation of an otherwise valid value —
// wrong type, missing required field, unknown field, out of range, too short or long, not in the
// enum, not matching the pattern or format, huge numbers — each with the field path the server
// must name in its 400 (`at`). Inside a union the server can only say "none of the branches
// matched", so the expected path stops at the union.
import fc from 'fast-check';
import { dereference, type Schema } from './openapi-operations';
import {
  type GenerationContext,
  mergeAllOf,
  NASTY_TEXT,
  numericBounds,
  validValue,
} from './schema-arbitrary';

export type InvalidKind =
  | 'wrong type'
  | 'missing required'
  | 'unknown field'
  | 'below minimum'
  | 'above maximum'
  | 'not an integer'
  | 'huge number'
  | 'too short'
  | 'too long'
  | 'not in enum'
  | 'pattern mismatch'
  | 'bad format'
  | 'too few items'
  | 'too many items';

export type Invalid = { value: unknown; kind: InvalidKind; at: readonly string[] };

/** A number JSON can carry but JavaScript cannot hold (1e400): written into the body as is. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Field names a client might try to slip in (mass assignment) or that break naive code. */
const UNKNOWN_FIELDS = ['unknownField', 'role', 'isAdmin', 'userId', '字段', "x' OR '1'='1", 'constructor'];

/** An arbitrary of invalid values, or undefined when the schema accepts anything of its kind. */
export function invalidValue(
  raw: Schema,
  ctx: GenerationContext,
  path: readonly string[] = [],
  cut?: readonly string[],
): fc.Arbitrary<Invalid> | undefined {
  const schema = dereference(raw, ctx.resolve);
  const at = cut ?? path;
  const strategies: fc.Arbitrary<Invalid>[] = [];
  const add = (kind: InvalidKind, values: fc.Arbitrary<unknown> | undefined) => {
    if (values) strategies.push(values.map((value) => ({ value, kind, at })));
  };

  // Path, query and header parameters always arrive as an object of strings: only their members can be wrong.
  const parameterSet = ctx.transport !== 'json' && path.length === 0;
  const wrong = parameterSet ? [] : wrongTypes(schema, ctx);
  if (wrong.length) add('wrong type', fc.constantFrom(...wrong));
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    for (const branch of branches) {
      const inner = invalidValue(branch, ctx, path, at);
      if (inner) strategies.push(inner);
    }
  } else if (schema.allOf) {
    const inner = invalidValue(mergeAllOf(schema, ctx), ctx, path, cut);
    if (inner) strategies.push(inner);
  } else if (schema.enum) {
    add('not in enum', notInEnum(schema.enum, ctx));
  } else if (schema.type === 'string') {
    stringStrategies(schema, ctx, add);
  } else if (schema.type === 'integer' || schema.type === 'number') {
    numberStrategies(schema, ctx, add);
  } else if (schema.type === 'array') {
    arrayStrategies(schema, ctx, path, cut, add, strategies);
  } else if (schema.type === 'object' || schema.properties) {
    objectStrategies(schema, ctx, path, cut, strategies);
  }
  return strategies.length ? fc.oneof(...strategies) : undefined;
}

type Add = (kind: InvalidKind, values: fc.Arbitrary<unknown> | undefined) => void;

/** Values of another type than the schema allows. URLs and headers carry strings only. */
function wrongTypes(schema: Schema, ctx: GenerationContext): unknown[] {
  const types = allowedTypes(schema, ctx);
  if (types.has('any')) return [];
  if (ctx.transport !== 'json') {
    if (types.has('string')) return [];
    const words = ['abc', '十', '--1', '1e', '{}'];
    return types.has('integer') && !types.has('number') ? [...words, '1.5', '2.000001'] : words;
  }
  const candidates: [string, unknown][] = [
    ['null', null],
    ['boolean', true],
    ['integer', 42],
    ['number', 1.5],
    ['string', 'text'],
    ['string', '12'],
    ['array', []],
    ['object', {}],
  ];
  return candidates
    .filter(([type]) => {
      if (types.has(type)) return false;
      if (type === 'integer' && types.has('number')) return false;
      return true;
    })
    .map(([, value]) => value);
}

function allowedTypes(raw: Schema, ctx: GenerationContext): Set<string> {
  const schema = dereference(raw, ctx.resolve);
  const types = new Set<string>();
  if (schema.nullable) types.add('null');
  const branches = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (branches) {
    for (const branch of branches) for (const type of allowedTypes(branch, ctx)) types.add(type);
    return types;
  }
  if (schema.enum) {
    for (const value of schema.enum) types.add(value === null ? 'null' : typeof value);
    return types;
  }
  if (schema.type) types.add(schema.type);
  else if (schema.properties) types.add('object');
  else types.add('any');
  return types;
}

function notInEnum(values: unknown[], ctx: GenerationContext): fc.Arbitrary<unknown> {
  const strings = values.filter((v): v is string => typeof v === 'string');
  const near = strings.flatMap((v) => [v.toUpperCase(), `${v} `, `${v}x`]).filter((v) => !values.includes(v));
  const far =
    ctx.transport === 'header' ? ['zz_unknown', 'ALL'] : ['zz_unknown', '未知', "' OR 1=1 --", '<b>x</b>'];
  return fc.constantFrom(...near.slice(0, 6), ...far);
}

function stringStrategies(schema: Schema, ctx: GenerationContext, add: Add): void {
  const min = schema.minLength ?? 0;
  const letter = ctx.transport === 'header' ? 'k' : '长';
  if (min > 0) add('too short', fc.constantFrom('', letter.repeat(min - 1)));
  if (schema.maxLength !== undefined) {
    const over = schema.maxLength + 1;
    // A body carries a long string cheaply; URLs and headers stay short (routers cap their length).
    add(
      'too long',
      fc.constantFrom(
        letter.repeat(over),
        ...(ctx.transport === 'json' ? ['x'.repeat(Math.max(over, 100_000))] : []),
      ),
    );
  }
  if (schema.format === 'date')
    add('bad format', fc.constantFrom('2026-02-30', '2026-13-01', '20260101', 'yesterday', '2026-1-1'));
  else if (schema.format === 'date-time')
    add(
      'bad format',
      fc.constantFrom('2026-02-30T10:00:00Z', '2026-01-01 10:00', 'now', '2026-01-01T25:00:00Z'),
    );
  else if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    const misses = [
      ...(ctx.transport === 'header' ? ['%00', 'x y', '../..'] : NASTY_TEXT),
      'a',
      'ZZ-99',
    ].filter((text) => !pattern.test(text));
    if (misses.length) add('pattern mismatch', fc.constantFrom(...misses));
  }
}

function numberStrategies(schema: Schema, ctx: GenerationContext, add: Add): void {
  const integer = schema.type === 'integer';
  const { min, max } = numericBounds(schema, integer);
  const text = ctx.transport !== 'json';
  const out = (n: number | RawJson) => (text ? (n instanceof RawJson ? n.text : String(n)) : n);
  const exactlyBelow = schema.exclusiveMinimum === true ? schema.minimum : undefined;
  const exactlyAbove = schema.exclusiveMaximum === true ? schema.maximum : undefined;
  if (schema.minimum !== undefined || schema.exclusiveMinimum !== undefined) {
    const below = [exactlyBelow ?? (integer ? min - 1 : min - 0.5), min - 1000];
    add(
      'below minimum',
      fc.constantFrom(...below.filter((n) => n < min && Number.isSafeInteger(Math.trunc(n))).map(out)),
    );
  }
  if (schema.maximum !== undefined || schema.exclusiveMaximum !== undefined) {
    const above = [exactlyAbove ?? (integer ? max + 1 : max + 0.5)];
    if (Number.isSafeInteger(Math.trunc(max + 1000))) above.push(max + 1000);
    add('above maximum', fc.constantFrom(...above.filter((n) => n > max).map(out)));
  }
  if (integer && min + 0.5 <= max)
    add('not an integer', fc.constant(out(Math.max(min, Math.min(max - 1, 0)) + 0.5)));
  // Beyond doubles (1e400 is Infinity), beyond safe integers, and 30 nines for the URL.
  const huge = [new RawJson('1e400'), new RawJson('-1e400'), new RawJson('123456789012345678901234567890')];
  add(
    'huge number',
    fc.constantFrom(...huge.filter((n) => !text || Number(n.text) > max || Number(n.text) < min).map(out)),
  );
}

function arrayStrategies(
  schema: Schema,
  ctx: GenerationContext,
  path: readonly string[],
  cut: readonly string[] | undefined,
  add: Add,
  strategies: fc.Arbitrary<Invalid>[],
): void {
  const item = schema.items ?? {};
  const items = (n: number) =>
    fc.array(validValue(item, ctx, [...path, '*']), { minLength: n, maxLength: n });
  if ((schema.minItems ?? 0) > 0) add('too few items', items((schema.minItems ?? 1) - 1));
  if (schema.maxItems !== undefined && schema.maxItems <= 5000)
    add('too many items', items(schema.maxItems + 1));
  const bad = invalidValue(item, ctx, [...path, '0'], cut);
  if (!bad) return;
  // The bad item goes first, so its index (and so the expected path) is known: 0.
  const rest = fc.array(validValue(item, ctx, [...path, '*']), {
    maxLength: Math.min(3, Math.max(0, (schema.maxItems ?? 4) - 1)),
  });
  strategies.push(
    fc.tuple(bad, rest).map(([invalid, others]) => ({ ...invalid, value: [invalid.value, ...others] })),
  );
}

function objectStrategies(
  schema: Schema,
  ctx: GenerationContext,
  path: readonly string[],
  cut: readonly string[] | undefined,
  strategies: fc.Arbitrary<Invalid>[],
): void {
  const whole = validValue({ ...schema, nullable: false }, ctx, path) as fc.Arbitrary<
    Record<string, unknown>
  >;
  for (const key of schema.required ?? []) {
    if (!schema.properties?.[key]) continue;
    strategies.push(
      whole.map((value) => {
        const { [key]: _left, ...rest } = value;
        return { value: rest, kind: 'missing required' as const, at: cut ?? [...path, key] };
      }),
    );
  }
  if (schema.additionalProperties === false) {
    const extra = UNKNOWN_FIELDS.filter((key) => !schema.properties?.[key]);
    strategies.push(
      fc
        .tuple(whole, fc.constantFrom(...extra), fc.jsonValue({ maxDepth: 1 }))
        .map(([value, key, filler]) => ({
          value: { ...value, [key]: filler },
          kind: 'unknown field' as const,
          at: cut ?? [...path, key],
        })),
    );
  }
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const bad = invalidValue(property, ctx, [...path, key], cut);
    if (!bad) continue;
    strategies.push(
      fc
        .tuple(whole, bad)
        .map(([value, invalid]) => ({ ...invalid, value: { ...value, [key]: invalid.value } })),
    );
  }
}
