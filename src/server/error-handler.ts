import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '#src/db/connection-errors';
import { AppError } from '#src/lib/app-error';
import { redactPersonalData } from '#src/lib/redact';
import { isConsoleRoute, sendConsolePage } from './console-static';
import { errorResponseSchema } from './error-schema';

export type ErrorBody = {
  error: {
    code: string;
    message: string;
    requestId: string;
    issues?: { path: string; message: string }[];
    details?: unknown;
  };
};

/**
 * The one place errors become responses. Known AppErrors keep their code; validation failures
 * give 400 with field paths; a database that cannot be reached gives 503 with Retry-After;
 * everything else is logged with the request id and answered with a generic 500, so driver or
 * stack text never reaches a client.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  declarePlatformAnswers(app);
  refuseNulCharacters(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const requestId = String(request.id);
    if (error instanceof AppError) {
      const body: ErrorBody = { error: { code: error.code, message: error.message, requestId } };
      const { issues, ...rest } = (error.details ?? {}) as { issues?: ErrorBody['error']['issues'] };
      if (issues) body.error.issues = issues;
      if (error.details !== undefined && !issues) body.error.details = error.details;
      else if (issues && Object.keys(rest).length > 0) body.error.details = rest;
      return reply.status(error.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.flatMap((issue) => {
        const at = [error.validationContext ?? 'request', ...issue.instancePath.split('/').filter(Boolean)];
        const reported = { path: at.join('.'), message: issue.message ?? 'is invalid' };
        // zod reports unknown keys on their object; each key is named as well, so it has a field path.
        const keys =
          issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: unknown }).keys : undefined;
        if (!Array.isArray(keys)) return [reported];
        const named = keys.map((key) => ({
          path: [...at, String(key)].join('.'),
          message: 'is not a known field',
        }));
        return [reported, ...named];
      });
      const body: ErrorBody = {
        error: { code: 'VALIDATION_FAILED', message: 'The request is invalid', requestId, issues },
      };
      return reply.status(400).send(body);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, method: error.method, url: error.url }, 'response broke its schema');
      return reply.status(500).send(internalError(requestId));
    }
    // Fastify's own client errors (bad JSON, body too large, unsupported media type) are safe to name;
    // the body parser's refusals name the body, so every refused input carries a field path.
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      const body: ErrorBody = {
        error: { code: error.code ?? 'BAD_REQUEST', message: error.message, requestId },
      };
      if (error.code?.startsWith('FST_ERR_CTP_'))
        body.error.issues = [{ path: 'body', message: error.message }];
      return reply.status(error.statusCode).send(body);
    }
    if (isDatabaseUnavailable(error)) {
      // PostgreSQL is down or restarting: the pool reconnects by itself, so tell the client to retry.
      request.log.warn({ err: error }, 'database unavailable');
      const body: ErrorBody = {
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message: 'The database cannot be reached right now; try again in a few seconds',
          requestId,
        },
      };
      return reply.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS)).status(503).send(body);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(internalError(requestId));
  });

  app.setNotFoundHandler((request, reply) => {
    if (isConsoleRoute(request)) {
      const page = sendConsolePage(reply);
      if (page) return page;
    }
    const body: ErrorBody = {
      error: {
        code: 'NOT_FOUND',
        message: `No route ${request.method} ${redactPersonalData(request.url)}`,
        requestId: String(request.id),
      },
    };
    return reply.status(404).send(body);
  });
}

/** The crash proof measured reconnection within a fraction of a second of PostgreSQL accepting again;
 * a restart itself takes seconds. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

function internalError(requestId: string): ErrorBody {
  return {
    error: { code: 'INTERNAL', message: 'Something went wrong; quote the request id to support', requestId },
  };
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Declares on every API route the answers the platform gives before the route's handler runs, so
 * the OpenAPI document lists every status a client can get: 400 when the validator or the body
 * parser refuses the input, 401 without a session and 403 for a role without the route's permission
 * (the authentication hook), 413 and 415 for bodies too large or of a type nobody parses. Routes
 * declare what their own handlers answer; a status they declare is left as they declared it.
 * (Found by the API fuzzer: routes forgot these, so answers broke the document.)
 */
function declarePlatformAnswers(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<string, unknown> | undefined;
    if (!route.url.startsWith('/api/') || !response) return;
    const takesBody = [route.method].flat().some((method) => BODY_METHODS.has(method));
    const { params, querystring, headers, body } = route.schema ?? {};
    const config = route.config ?? {};
    const added: Record<string, unknown> = {};
    const declare = (status: number, when: unknown) => {
      if (when && !(String(status) in response)) added[status] = errorResponseSchema;
    };
    declare(400, takesBody || params || querystring || headers || body);
    declare(401, !config.public);
    declare(403, !config.public && config.permission !== 'signed-in');
    declare(413, takesBody);
    declare(415, takesBody);
    // A new object: several routes may share one response map.
    if (Object.keys(added).length > 0)
      route.schema = { ...route.schema, response: { ...response, ...added } };
  });
}

/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a NUL anywhere in the input would fail deep in a
 * query as a 500. It is refused as invalid input naming the field, after the schemas (their
 * answers come first) and before any handler.
 */
function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const at =
      nulAt(request.params, 'params') ?? nulAt(request.query, 'querystring') ?? nulAt(request.body, 'body');
    if (at) {
      throw new AppError('VALIDATION_FAILED', 'The request is invalid', {
        issues: [{ path: at, message: 'must not contain the NUL character (U+0000)' }],
      });
    }
  });
}

function nulAt(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (!value || typeof value !== 'object' || depth > 64) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = `${path}.${key.replaceAll('\u0000', '\\u0000')}`;
    if (key.includes('\u0000')) return here;
    const found = nulAt(child, here, depth + 1);
    if (found) return found;
  }
  return undefined;
}
