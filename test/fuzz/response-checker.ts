// The verdict on one answer: no 5xx; a status the operation declares; a body of a declared media
// type that conforms to the declared schema; and for invalid input a 4xx naming the field. The
// gate (no session: 401, role without the permission: 403) answers before any input is read, so
// a refusal there is the right answer to invalid input too.
import type { LightMyRequestResponse } from 'fastify';
import { type DocumentValidator, describeErrors } from './document-validator';
import type { Operation } from './openapi-operations';
import type { FuzzRequest } from './request-arbitrary';

export type FailureKind =
  | 'server error'
  | 'undeclared status'
  | 'undeclared media type'
  | 'schema break'
  | 'invalid input accepted'
  | 'invalid input without field path';

/**
 * `otherField`: the 400 named a field, but not the mutated one. The document cannot express every
 * rule (a complaint's fields only on a complaint), so the "valid" rest of a request may break one
 * first; counted and shown, not failed.
 */
export type Verdict = { ok: true; otherField?: string } | { ok: false; kind: FailureKind; detail: string };

const OK: Verdict = { ok: true };

export function checkResponse(
  validator: DocumentValidator,
  op: Operation,
  request: FuzzRequest & { valid: boolean },
  response: LightMyRequestResponse,
  gateRefuses: boolean,
): Verdict {
  const status = response.statusCode;
  if (status >= 500)
    return { ok: false, kind: 'server error', detail: `${status} ${response.body.slice(0, 300)}` };
  const conformance = checkDeclared(validator, op, response);
  if (!conformance.ok) return conformance;
  if (request.valid) return OK;

  if (gateRefuses && (status === 401 || status === 403)) return OK;
  if (status < 400)
    return {
      ok: false,
      kind: 'invalid input accepted',
      detail: `${request.intent} at ${request.expectedPath} answered ${status}`,
    };
  const paths = issuePaths(response);
  const expected = request.expectedPath ?? '';
  const fieldPaths = paths.filter((path) => /^(params|querystring|headers|body)(\.|$)/.test(path));
  if (fieldPaths.length === 0) {
    return {
      ok: false,
      kind: 'invalid input without field path',
      detail: `${request.intent}: expected ${expected}, got ${status} with paths [${paths.join(', ')}]`,
    };
  }
  const named = fieldPaths.some((path) => path === expected || path.startsWith(`${expected}.`));
  return named
    ? OK
    : {
        ok: true,
        otherField: `${request.intent} at ${expected}: ${status} named [${fieldPaths.join(', ')}]`,
      };
}

function checkDeclared(
  validator: DocumentValidator,
  op: Operation,
  response: LightMyRequestResponse,
): Verdict {
  const status = String(response.statusCode);
  const declared = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
  if (!declared) {
    return {
      ok: false,
      kind: 'undeclared status',
      detail: `${status} not among ${Object.keys(op.responses).join(', ')}: ${response.body.slice(0, 200)}`,
    };
  }
  if (status === '204' || status === '304') {
    return response.rawPayload.length === 0
      ? OK
      : { ok: false, kind: 'schema break', detail: `${status} with a body` };
  }
  const mediaType =
    String(response.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim() ?? '';
  if (declared.mediaTypes.length > 0 && !declared.mediaTypes.includes(mediaType)) {
    return {
      ok: false,
      kind: 'undeclared media type',
      detail: `${status} sent ${mediaType || 'no content type'}; declared ${declared.mediaTypes.join(', ')}`,
    };
  }
  if (mediaType !== 'application/json' || !declared.schema) return OK;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return {
      ok: false,
      kind: 'schema break',
      detail: `${status} body is not JSON: ${response.body.slice(0, 120)}`,
    };
  }
  const errors = validator.errors(declared.schema, body);
  return errors.length
    ? { ok: false, kind: 'schema break', detail: `${status}: ${describeErrors(errors)}` }
    : OK;
}

function issuePaths(response: LightMyRequestResponse): string[] {
  try {
    const body = JSON.parse(response.body) as { error?: { issues?: { path?: unknown }[] } };
    return (body.error?.issues ?? []).map((issue) => String(issue.path));
  } catch {
    return [];
  }
}
