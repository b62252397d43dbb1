import type { Engine } from './client';

/**
 * Plain parameterised SQL on either engine, for set-based statements Drizzle's builder does not
 * express (bulk upserts from staging tables, catalogue probes). Typed by the caller.
 */
export async function queryRows<T>(engine: Engine, text: string, params: unknown[] = []): Promise<T[]> {
  if (engine.kind === 'pglite') {
    const result = await engine.client.query<T>(text, params);
    return result.rows;
  }
  const result = await engine.pool.query(text, params);
  return result.rows as T[];
}
