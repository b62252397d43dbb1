import type { FastifyInstance } from 'fastify';

// The console's policy: everything from this origin; antd writes its styles inline (CSS-in-JS) and
// ECharts draws on canvas, hence 'unsafe-inline' for styles only and data: images. /docs (Swagger
// UI, a third-party page) keeps its own needs and gets only the non-CSP headers.
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Headers every response carries: no sniffing, no framing, no referrer leaking ids in URLs. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    if (!request.url.startsWith('/docs')) reply.header('content-security-policy', CONSOLE_CSP);
    if (request.url.startsWith('/api/'))
      reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
  });
}
