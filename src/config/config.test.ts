import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to embedded PGlite under ./data with Asia/Shanghai and port 3000', () => {
    const config = loadConfig({});
    expect(config.database.kind).toBe('pglite');
    expect(config.port).toBe(3000);
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.usageDir.endsWith('/data/usage')).toBe(true);
  });

  it('switches to real PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@localhost/vipdesk' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@localhost/vipdesk' });
  });

  it('reports every problem at once, not just the first', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        VIPDESK_TIMEZONE: 'Mars/Olympus',
        DATABASE_URL: 'mysql://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/LOG_LEVEL/);
    expect(problems).toMatch(/VIPDESK_TIMEZONE: is not an IANA time zone/);
    expect(problems).toMatch(/DATABASE_URL/);
  });
});
