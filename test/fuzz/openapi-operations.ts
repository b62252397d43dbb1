// The operations of the generated OpenAPI document (app.swagger()), in the shape the fuzzer needs:
// per operation its inputs by location (the names Fastify gives validation errors: params,
// querystring, headers, body) and its declared responses. Schemas stay in the document's OpenAPI
// 3.0 dialect here; the generator reads that dialect, the response checker converts it for ajv.

/** An OpenAPI 3.0 schema object, loosely typed: the fuzzer reads whatever keywords it finds. */
export type Schema = {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  default?: unknown;
  description?: string;
  [keyword: string]: unknown;
};

/** Where an input lives; also the first part of a validation issue's path. */
export type Location = 'params' | 'querystring' | 'headers' | 'body';

/** The named inputs of one location (path, query or header parameters) as one object schema. */
export type ParameterSet = { properties: Record<string, Schema>; required: string[] };

export type DeclaredResponse = { mediaTypes: string[]; schema: Schema | undefined };

export type Operation = {
  /** 'POST /api/tasks/{id}/outcome' */
  key: string;
  method: string;
  /** The OpenAPI path template, e.g. /api/tasks/{id}/outcome */
  path: string;
  params: ParameterSet;
  querystring: ParameterSet;
  headers: ParameterSet;
  /** The JSON body the document declares, if any. */
  body: { schema: Schema; required: boolean } | undefined;
  /** Declared responses by status code ('200', '4XX' or 'default'). */
  responses: Record<string, DeclaredResponse>;
};

export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
};

type OperationObject = {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const LOCATION_OF: Record<string, Exclude<Location, 'body'>> = {
  path: 'params',
  query: 'querystring',
  header: 'headers',
};

/** Every operation of the document, in document order. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const sets: Record<Exclude<Location, 'body'>, ParameterSet> = {
        params: { properties: {}, required: [] },
        querystring: { properties: {}, required: [] },
        headers: { properties: {}, required: [] },
      };
      for (const parameter of op.parameters ?? []) {
        const location = LOCATION_OF[parameter.in];
        if (!location) continue;
        // Header names are case-insensitive; Node hands them to the validator in lower case.
        const name = location === 'headers' ? parameter.name.toLowerCase() : parameter.name;
        sets[location].properties[name] = parameter.schema ?? {};
        if (parameter.required || location === 'params') sets[location].required.push(name);
      }
      const json = op.requestBody?.content?.['application/json'];
      const responses: Record<string, DeclaredResponse> = {};
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const content = response.content ?? {};
        const mediaTypes = Object.keys(content);
        responses[status] = {
          mediaTypes,
          schema: mediaTypes.length ? content[mediaTypes[0] ?? '']?.schema : undefined,
        };
      }
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        ...sets,
        body: json?.schema ? { schema: json.schema, required: op.requestBody?.required ?? false } : undefined,
        responses,
      });
    }
  }
  return operations;
}

/** Looks up '#/components/schemas/Name' references of the document. */
export function referenceResolver(document: OpenApiDocument): (ref: string) => Schema {
  const schemas = document.components?.schemas ?? {};
  return (ref) => {
    const name = /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
    const schema = name === undefined ? undefined : schemas[decodeURIComponent(name)];
    if (!schema) throw new Error(`the document has no schema ${ref}`);
    return schema;
  };
}

/** The schema itself, or what its $ref (or a lone allOf, zod's way of naming a reused schema) points at. */
export function dereference(schema: Schema, resolve: (ref: string) => Schema): Schema {
  let current = schema;
  for (let hops = 0; hops < 32; hops++) {
    if (current.$ref) current = { ...resolve(current.$ref), ...withoutKey(current, '$ref') };
    else if (current.allOf?.length === 1 && !current.type && !current.properties)
      current = { ...dereference(current.allOf[0] as Schema, resolve), ...withoutKey(current, 'allOf') };
    else return current;
  }
  throw new Error('reference chain too long');
}

function withoutKey(schema: Schema, key: string): Schema {
  const { [key]: _dropped, ...rest } = schema;
  return rest;
}
