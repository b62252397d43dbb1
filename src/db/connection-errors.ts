/**
 * Whether an error means the database cannot be reached right now (down, restarting, the
 * connection cut), as opposed to a query that failed: the first is worth retrying in a moment, the
 * second is not. Follows `cause` (Drizzle wraps driver errors) a few levels down.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (unavailableAtThisLevel(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** SQLSTATEs of a server going away or refusing connections. */
const SERVER_STATES = new Set([
  '57P01', // admin_shutdown: pg_ctl stop, pg_terminate_backend
  '57P02', // crash_shutdown: another backend crashed
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
]);

/** Socket errors of a connection that could not be made or was cut. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

/** node-postgres' own messages for a connection it lost or could not get in time. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];

function unavailableAtThisLevel(error: Error): boolean {
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof code === 'string') {
    // Class 08: connection exception.
    if (code.startsWith('08') || SERVER_STATES.has(code)) return true;
    if (SOCKET_CODES.has(code) && (syscall === 'connect' || syscall === 'read' || syscall === 'write'))
      return true;
  }
  return DRIVER_MESSAGES.some((text) => error.message.includes(text));
}
