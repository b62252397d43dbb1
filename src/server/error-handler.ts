import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '#src/lib/app-error';
import { redactPersonalData } from '#src/lib/redact';
import { isConsoleRoute, sendConsolePage } from './console-static';

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
 * give 400 with field paths; everything else is logged with the request id and answered with a
 * generic 500, so driver or stack text never reaches a client.
 */
export function registerErrorHandler(app: FastifyInstance): void {
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
      const issues = error.validation.map((issue) => ({
        path: [error.validationContext ?? 'request', ...issue.instancePath.split('/').filter(Boolean)].join(
          '.',
        ),
        message: issue.message ?? 'is invalid',
      }));
      const body: ErrorBody = {
        error: { code: 'VALIDATION_FAILED', message: 'The request is invalid', requestId, issues },
      };
      return reply.status(400).send(body);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, method: error.method, url: error.url }, 'response broke its schema');
      return reply.status(500).send(internalError(requestId));
    }
    // Fastify's own client errors (bad JSON, body too large, unsupported media type) are safe to name.
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      const body: ErrorBody = {
        error: { code: error.code ?? 'BAD_REQUEST', message: error.message, requestId },
      };
      return reply.status(error.statusCode).send(body);
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

function internalError(requestId: string): ErrorBody {
  return {
    error: { code: 'INTERNAL', message: 'Something went wrong; quote the request id to support', requestId },
  };
}
