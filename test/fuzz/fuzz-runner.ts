// Runs the fuzz: for every operation of the document and every role, `numRuns` generated requests
// (fast-check, a fixed seed per operation and role, so a run can be replayed) through app.inject,
// each answer judged by the response checker. Failures are counted, not thrown: the run always
// sends every request, so its figures say how much was tried, and the first few failures are kept
// whole (request and response) for whoever fixes them.
import fc from 'fast-check';
import { queryRows } from '#src/db/raw';
import { DocumentValidator } from './document-validator';
import type { FuzzRole, FuzzWorld } from './fuzz-world';
import { FUZZ_ROLES } from './fuzz-world';
import {
  type OpenApiDocument,
  type Operation,
  operationsOf,
  referenceResolver,
  type Schema,
} from './openapi-operations';
import { type FuzzRequest, parsedBody, requestArbitrary, type Upload } from './request-arbitrary';
import { checkResponse, type FailureKind } from './response-checker';
import { textValue } from './schema-arbitrary';
import { hintsFor, loadPools } from './world-hints';

export type FuzzOptions = {
  /** Generated requests per operation and role (fast-check numRuns). */
  numRuns: number;
  seed?: number;
  roles?: readonly FuzzRole[];
  /** Only operations whose key ('GET /api/x') passes. */
  only?: (key: string) => boolean;
  /** This process's share of the operations (every `count`th from `index`), when several run side by side. */
  shard?: { index: number; count: number };
  /** Failures kept whole for the report. */
  keep?: number;
  log?: (line: string) => void;
};

export type Failure = {
  kind: FailureKind;
  operation: string;
  role: FuzzRole;
  status: number;
  detail: string;
  request: { intent: string; method: string; url: string; headers: Record<string, string>; payload?: string };
  response: string;
};

export type FuzzReport = {
  operations: number;
  pairs: number;
  requests: number;
  validRequests: number;
  invalidRequests: number;
  minRequestsPerPair: number;
  counts: Record<FailureKind, number>;
  failures: Failure[];
  /** Operations the fuzzer treats differently, and why (printed, never silent). */
  notes: string[];
  /** Requests the generator meant as valid that the document's schema refuses (a generator bug if any). */
  generatorDisagreements: number;
  /** Valid requests answered 2xx (they reached a service and it did the work), and operations with one at least. */
  validAnswered2xx: number;
  operationsWith2xx: number;
  /** Operations no generated request got a 2xx from (as any role): the fuzz reached only their refusals. */
  operationsWithout2xx: string[];
  /** How the valid requests of each operation were answered: status → count. */
  validStatuses: Record<string, Record<string, number>>;
  /** The first 400 a valid request got, per operation: a rule the document does not state. */
  validRefusalExamples: Record<string, string>;
  /** Invalid requests refused with a 400 naming another field than the mutated one, and a few examples. */
  otherField: number;
  otherFieldExamples: string[];
  /** Actor sessions found ended during the run (the fuzzer protects them; should stay 0). */
  sessionsReopened: number;
  seconds: number;
};

/** Operations that end the session they are sent with: they get a throwaway session of the same user. */
const SESSION_CONSUMERS = new Set(['POST /api/auth/sign-in', 'POST /api/auth/sign-out']);

/** Bodies the document does not describe (multipart uploads): the field, and generated content. */
const UPLOADS: Record<string, Upload> = {
  'POST /api/imports/{kind}': {
    field: 'file',
    sample: fc
      .array(textValue('json', 0, 60), { maxLength: 4 })
      .chain((rows) =>
        fc
          .constantFrom(
            'msisdn,plan_code,status',
            'code,name,brand,monthly_fee_fen',
            'msisdn,month,minutes,data_mb',
            '',
          )
          .map((header) => [header, ...rows].join('\n')),
      ),
  },
};

export async function runFuzz(world: FuzzWorld, options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const log = options.log ?? (() => undefined);
  const document = world.app.swagger() as unknown as OpenApiDocument;
  const resolve = referenceResolver(document);
  const validator = new DocumentValidator(document);
  const shard = options.shard ?? { index: 0, count: 1 };
  const operations = operationsOf(document)
    .filter((op) => options.only?.(op.key) ?? true)
    .filter((_, i) => i % shard.count === shard.index);
  const roles = options.roles ?? FUZZ_ROLES;
  const keep = options.keep ?? 300;
  const report: FuzzReport = {
    operations: operations.length,
    pairs: operations.length * roles.length,
    requests: 0,
    validRequests: 0,
    invalidRequests: 0,
    minRequestsPerPair: Number.POSITIVE_INFINITY,
    counts: {
      'server error': 0,
      'undeclared status': 0,
      'undeclared media type': 0,
      'schema break': 0,
      'invalid input accepted': 0,
      'invalid input without field path': 0,
    },
    failures: [],
    notes: [],
    generatorDisagreements: 0,
    validAnswered2xx: 0,
    operationsWith2xx: 0,
    operationsWithout2xx: [],
    validStatuses: {},
    validRefusalExamples: {},
    otherField: 0,
    otherFieldExamples: [],
    sessionsReopened: 0,
    seconds: 0,
  };
  for (const key of Object.keys(UPLOADS))
    report.notes.push(
      `${key}: multipart body not described by the document — generated CSV files, body mutations and parameter mutations`,
    );
  for (const key of SESSION_CONSUMERS)
    report.notes.push(
      `${key}: sent with a throwaway session of the role's user (it ends the session it is sent with)`,
    );
  const actorIds = new Set(Object.values(world.actors).flatMap((a) => (a.userId === null ? [] : [a.userId])));

  for (const [index, op] of operations.entries()) {
    const pools = await loadPools(world);
    const arbitrary = requestArbitrary(op, {
      resolve,
      hint: hintsFor(op, pools, validator),
      ...(UPLOADS[op.key] ? { upload: UPLOADS[op.key] as Upload } : {}),
    });
    const schemas = {
      params: { type: 'object', properties: op.params.properties, required: op.params.required } as Schema,
      querystring: {
        type: 'object',
        properties: op.querystring.properties,
        required: op.querystring.required,
      } as Schema,
      headers: { type: 'object', properties: op.headers.properties, required: op.headers.required } as Schema,
    };
    let invalidForOp = 0;
    let okForOp = 0;

    const fuzzRole = async (role: FuzzRole) => {
      let sent = 0;
      const property = fc.asyncProperty(arbitrary, async (generated) => {
        const request = protectActors(op, generated, actorIds, pools.victims);
        const verdictOf = classify(validator, op, schemas, request);
        if (verdictOf.disagreement) report.generatorDisagreements++;
        const valid = verdictOf.valid;
        const cookie = SESSION_CONSUMERS.has(op.key)
          ? await world.throwawayCookie(role)
          : world.actors[role].cookie;
        const response = await world.app.inject({
          method: request.method as 'GET',
          url: request.url,
          headers: { ...request.headers, ...(cookie ? { cookie } : {}) },
          ...(request.payload !== undefined ? { payload: request.payload } : {}),
        });
        sent++;
        report.requests++;
        if (valid) {
          report.validRequests++;
          const statuses = report.validStatuses[op.key] ?? {};
          report.validStatuses[op.key] = statuses;
          statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
          if (response.statusCode === 400 && !report.validRefusalExamples[op.key])
            report.validRefusalExamples[op.key] =
              `${request.url} ${clip(String(request.payload ?? ''))} → ${clip(response.body)}`;
          if (response.statusCode < 300) {
            report.validAnswered2xx++;
            okForOp++;
          }
        } else {
          report.invalidRequests++;
          invalidForOp++;
        }
        const gateRefuses = world.gateRefuses(op.method, op.path, role) ?? false;
        if (
          role !== 'anonymous' &&
          response.statusCode === 401 &&
          !gateRefuses &&
          !SESSION_CONSUMERS.has(op.key) &&
          isUnauthenticated(response.body)
        ) {
          report.sessionsReopened++;
          await world.reopenSession(role);
        }
        const verdict = checkResponse(validator, op, { ...request, valid }, response, gateRefuses);
        if (verdict.ok && verdict.otherField) {
          report.otherField++;
          if (report.otherFieldExamples.length < 10)
            report.otherFieldExamples.push(`${op.key} as ${role}: ${verdict.otherField}`);
        }
        const logged =
          response.statusCode >= 500
            ? world.serverError(String(response.headers['x-request-id']))
            : undefined;
        if (!verdict.ok) {
          report.counts[verdict.kind]++;
          if (report.failures.length < keep) {
            report.failures.push({
              kind: verdict.kind,
              operation: op.key,
              role,
              status: response.statusCode,
              detail: logged ? `${verdict.detail} — logged: ${logged}` : verdict.detail,
              request: {
                intent: valid ? 'valid' : `${request.intent} (${request.expectedPath ?? 'body'})`,
                method: request.method,
                url: request.url,
                headers: request.headers,
                ...(request.payload !== undefined ? { payload: clip(request.payload.toString()) } : {}),
              },
              response: clip(response.body),
            });
          }
        }
        return true;
      });
      await fc.check(property, {
        numRuns: options.numRuns,
        seed: seedFor(options.seed ?? 20_260_801, op.key, role),
      });
      report.minRequestsPerPair = Math.min(report.minRequestsPerPair, sent);
    };
    // The roles go at the operation together: concurrent requests are part of the test.
    await Promise.all(roles.map(fuzzRole));
    if (okForOp > 0) report.operationsWith2xx++;
    else report.operationsWithout2xx.push(op.key);
    if (invalidForOp === 0)
      report.notes.push(`${op.key}: no input the document constrains — valid requests only`);
    const rate = report.requests / ((performance.now() - started) / 1000);
    log(
      `[fuzz] ${index + 1}/${operations.length} ${op.key}: ${report.requests} requests so far (${rate.toFixed(0)}/s)`,
    );
  }
  await settleBackgroundJobs(world);
  report.seconds = (performance.now() - started) / 1000;
  if (!Number.isFinite(report.minRequestsPerPair)) report.minRequestsPerPair = 0;
  return report;
}

/**
 * The generator's intent, checked against the document: a mutation that did not break the
 * request (an unknown field where any is allowed) leaves it valid; a "valid" request the document
 * refuses is a generator bug, counted and treated as valid (no field path asked of it).
 */
function classify(
  validator: DocumentValidator,
  op: Operation,
  schemas: Record<'params' | 'querystring' | 'headers', Schema>,
  request: FuzzRequest,
): { valid: boolean; disagreement?: true } {
  const errorsAt = (location: 'params' | 'querystring' | 'headers' | 'body') => {
    if (location === 'body') {
      if (!op.body || !request.bodyIsJson || request.parts.body === undefined) return 0;
      return validator.errors(op.body.schema, parsedBody(request.parts.body)).length;
    }
    return validator.parameterErrors(schemas[location], request.parts[location] as Record<string, unknown>)
      .length;
  };
  if (request.intent === 'valid') {
    const refused = (['params', 'querystring', 'headers', 'body'] as const).some(
      (location) => errorsAt(location) > 0,
    );
    return refused ? { valid: true, disagreement: true } : { valid: true };
  }
  if (request.location && request.bodyIsJson) return { valid: errorsAt(request.location) === 0 };
  // The document marks every body required; one whose schema admits null may in fact be left out.
  if (request.intent === 'missing body' && op.body && validator.errors(op.body.schema, null).length === 0)
    return { valid: true };
  return { valid: false };
}

/** The fuzzer's own users are never disabled or signed out by a generated request: another user is used. */
function protectActors(
  op: Operation,
  request: FuzzRequest,
  actorIds: Set<number>,
  victims: readonly unknown[],
): FuzzRequest {
  if (!op.path.startsWith('/api/users/{id}')) return request;
  const id = Number(request.parts.params.id);
  if (!actorIds.has(id) || victims.length === 0) return request;
  const victim = victims[id % victims.length];
  return {
    ...request,
    url: request.url.replace(`/api/users/${id}/`, `/api/users/${victim}/`),
    parts: { ...request.parts, params: { id: victim } },
  };
}

function isUnauthenticated(body: string): boolean {
  return body.includes('"UNAUTHENTICATED"');
}

/** Scoring runs and PDF jobs the fuzz started finish before the stores close. */
async function settleBackgroundJobs(world: FuzzWorld): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const [row] = await queryRows<{ n: number }>(
      world.stores.handle.engine,
      `select (select count(*) from scoring_runs where status = 'running')
            + (select count(*) from report_jobs where status in ('queued', 'running'))::int as n`,
    );
    if (Number(row?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function seedFor(base: number, key: string, role: string): number {
  let hash = base | 0;
  for (const char of `${key} ${role}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

function clip(text: string): string {
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
}
