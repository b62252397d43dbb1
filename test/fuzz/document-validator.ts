// The document's schemas as ajv validators: the judge of responses (does the body conform to
// what the operation declares?) and the second opinion on generated requests (is a "valid"
// request valid, did a mutation really break it?). OpenAPI 3.0 schemas are converted to JSON
// Schema draft-07 first: `nullable`, boolean `exclusiveMinimum/Maximum`, component references.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument, Schema } from './openapi-operations';

// ajv-formats is CommonJS with a default export; under ESM the function sits on .default.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const DOCUMENT_ID = 'openapi';

export class DocumentValidator {
  private readonly strict: Ajv;
  private readonly coercing: Ajv;
  private readonly cache = new Map<Schema, ValidateFunction>();
  private readonly coercingCache = new Map<Schema, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    const definitions = Object.fromEntries(
      Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, toDraft7(schema)]),
    );
    const make = (coerceTypes: boolean) => {
      // unicodeRegExp off: zod tests its patterns without the u flag, and so must the judge.
      const ajv = new Ajv({ strict: false, allErrors: false, coerceTypes, unicodeRegExp: false });
      addFormats(ajv);
      ajv.addSchema({ $id: DOCUMENT_ID, definitions });
      return ajv;
    };
    this.strict = make(false);
    // Parameters travel as text: 'page=2' is the integer 2, as the server's coercion reads it.
    this.coercing = make(true);
  }

  /** Errors of `value` against `schema` (JSON values), or [] when it conforms. */
  errors(schema: Schema, value: unknown): ErrorObject[] {
    const validate = this.compiled(this.strict, this.cache, schema);
    return validate(value) ? [] : [...(validate.errors ?? [])];
  }

  /** Errors of text parameters (path, query, headers), read with type coercion. */
  parameterErrors(schema: Schema, value: Record<string, unknown>): ErrorObject[] {
    const validate = this.compiled(this.coercing, this.coercingCache, schema);
    return validate(structuredClone(value)) ? [] : [...(validate.errors ?? [])];
  }

  private compiled(ajv: Ajv, cache: Map<Schema, ValidateFunction>, schema: Schema): ValidateFunction {
    let validate = cache.get(schema);
    if (!validate) {
      validate = ajv.compile(toDraft7(schema) as object);
      cache.set(schema, validate);
    }
    return validate;
  }
}

export function describeErrors(errors: ErrorObject[]): string {
  return errors
    .slice(0, 3)
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
    )
    .join('; ');
}

/** OpenAPI 3.0 schema object → JSON Schema draft-07, references pointing into the document's definitions. */
export function toDraft7(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toDraft7);
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as Schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'exclusiveMinimum' || key === 'exclusiveMaximum') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', `${DOCUMENT_ID}#/definitions/`);
      continue;
    }
    // `properties` maps names to schemas; other keywords hold schemas or plain values.
    out[key] =
      key === 'properties' && value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toDraft7(s)]))
        : key === 'enum' || key === 'default' || key === 'required' || key === 'example'
          ? value
          : toDraft7(value);
  }
  if (source.exclusiveMinimum === true && typeof source.minimum === 'number') {
    out.exclusiveMinimum = source.minimum;
    delete out.minimum;
  } else if (typeof source.exclusiveMinimum === 'number') out.exclusiveMinimum = source.exclusiveMinimum;
  if (source.exclusiveMaximum === true && typeof source.maximum === 'number') {
    out.exclusiveMaximum = source.maximum;
    delete out.maximum;
  } else if (typeof source.exclusiveMaximum === 'number') out.exclusiveMaximum = source.exclusiveMaximum;
  if (source.nullable === true) {
    // A nullable enum lists null among its values; drop it there, the null branch admits it.
    if (Array.isArray(out.enum)) out.enum = (out.enum as unknown[]).filter((v) => v !== null);
    if (Array.isArray(out.enum) && (out.enum as unknown[]).length === 0) return { type: 'null' };
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}
