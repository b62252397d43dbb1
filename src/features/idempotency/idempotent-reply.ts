import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '#src/db/client';
import { actorOf } from '#src/features/auth/authenticate.hook';
import type { ErrorBody } from '#src/server/error-handler';
import { IdempotencyRefusal, type KeyClaim, runOnce, type StoredResponse } from './idempotency.service';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from './idempotency-key';
import { requestHash } from './request-hash';

/** A write a route answers once per Idempotency-Key. */
export type IdempotentWrite<T> = {
  /** The status of a successful answer (200, 201). */
  status: number;
  /** The write: on the request's transaction when a key came with it, otherwise on `db`. */
  run: (db: Database) => Promise<T>;
  /** Headers that are part of the answer (an ETag), replayed with it. */
  headers?: (result: T) => Record<string, string>;
};

/** The key the request carries (validated by the route's headers schema), if any. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers[IDEMPOTENCY_HEADER];
  return typeof value === 'string' ? value : undefined;
}

/** "POST /api/tasks/:id/outcome": the route pattern, the same for every task. */
export function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url}`;
}

/** The signed-in user's claim on the key for this very request (route, parameters, body). */
export function claimOf(
  request: FastifyRequest,
  key: string,
  extra: { query?: unknown; body?: unknown } = {},
): KeyClaim {
  const route = routeOf(request);
  return {
    userId: actorOf(request).userId,
    key,
    route,
    requestHash: requestHash({
      route,
      params: request.params,
      query: extra.query ?? request.query,
      body: 'body' in extra ? extra.body : request.body,
    }),
  };
}

/**
 * Serialises a result the way the route's response schema would, so the stored answer is the
 * exact text the client receives (and its replay is byte for byte the same).
 */
export function answerOf<T>(
  reply: FastifyReply,
  status: number,
  result: T,
  headers: Record<string, string> = {},
): StoredResponse {
  reply.status(status);
  const body = reply.serialize(result);
  const text = typeof body === 'string' ? body : Buffer.from(new Uint8Array(body)).toString('utf8');
  return { status, body: text, headers };
}

/** Sends a stored answer: the first time, or as a replay marked Idempotent-Replayed: true. */
export function sendStored(reply: FastifyReply, response: StoredResponse, replayed: boolean): FastifyReply {
  reply.status(response.status).headers(response.headers);
  if (replayed) reply.header(REPLAYED_HEADER, 'true');
  // A string with a JSON content type is sent as it is (already serialised by answerOf).
  return reply.type('application/json; charset=utf-8').send(response.body);
}

/** 422 IDEMPOTENCY_KEY_REUSED / 409 IDEMPOTENCY_KEY_IN_PROGRESS in the one error shape. */
export function sendRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: IdempotencyRefusal,
): FastifyReply {
  const body: ErrorBody = {
    error: {
      code: refusal.code,
      message: refusal.message,
      requestId: String(request.id),
      details: refusal.details,
    },
  };
  return reply.status(refusal.status).send(body);
}

/**
 * Answers a write once per key. Without an Idempotency-Key the write runs as it always did. With
 * one, the key, the write and its answer commit together (runOnce); a repeat gets that answer.
 */
export async function replyOnce<T>(
  db: Database,
  request: FastifyRequest,
  reply: FastifyReply,
  write: IdempotentWrite<T>,
): Promise<FastifyReply> {
  const key = idempotencyKeyOf(request);
  if (key === undefined) {
    const result = await write.run(db);
    return reply
      .status(write.status)
      .headers(write.headers?.(result) ?? {})
      .send(result);
  }
  try {
    const once = await runOnce(db, claimOf(request, key), async (tx) => {
      const result = await write.run(tx);
      return answerOf(reply, write.status, result, write.headers?.(result) ?? {});
    });
    return sendStored(reply, once.response, once.replayed);
  } catch (error) {
    if (error instanceof IdempotencyRefusal) return sendRefusal(request, reply, error);
    throw error;
  }
}
