import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build:console` (Vite) writes the web console. */
export const CONSOLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../dist/console');

/**
 * Serves the built console at / from the same server as the API. Hashed asset files are cached
 * for a year, index.html is revalidated. The file list is read at start-up (no wildcard route, so
 * no catch-all can shadow an unknown /api path): a rebuilt console is served after a restart.
 */
export async function registerConsole(app: FastifyInstance): Promise<void> {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) {
    app.log.warn({ dir: CONSOLE_DIR }, 'web console not built; run `npm run build:console`');
    return;
  }
  await app.register(fastifyStatic, {
    root: CONSOLE_DIR,
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}

/** A client-side route (/subscribers/42 typed into the address bar) gets the console's page. */
export function isConsoleRoute(request: FastifyRequest): boolean {
  const url = request.url;
  return (
    request.method === 'GET' &&
    !url.startsWith('/api/') &&
    !url.startsWith('/docs') &&
    !/\.\w+(\?|$)/.test(url)
  );
}

export function sendConsolePage(reply: FastifyReply): FastifyReply | undefined {
  if (!existsSync(join(CONSOLE_DIR, 'index.html'))) return undefined;
  return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
}
