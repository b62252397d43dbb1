import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTACT_POLICY } from '#src/features/contact-policy/contact-policy-settings';
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

  it('builds the contact policy from the environment: China defaults, every number configurable', () => {
    expect(loadConfig({}).contactPolicy).toEqual(DEFAULT_CONTACT_POLICY);
    const policy = loadConfig({
      VIPDESK_TIMEZONE: 'Asia/Urumqi',
      VIPDESK_CALL_WINDOW: '09:30-20:00',
      VIPDESK_CAP_MARKETING: '2',
      VIPDESK_CAP_ATTEMPTS_24H: '3',
    }).contactPolicy;
    expect(policy.timeZone).toBe('Asia/Urumqi');
    expect(policy.callWindow).toEqual({ from: '09:30', until: '20:00' });
    expect(policy.smsWindow).toEqual({ from: '08:00', until: '21:00' });
    expect(policy.caps).toMatchObject({ marketing: 2, attemptsPer24h: 3, care: 2, total: 3, windowDays: 30 });
  });

  it('refuses a calling window that is not a same-day HH:MM-HH:MM range, naming the variable', () => {
    for (const value of ['21:00-08:00', '8:00-21:00', '08:00', '08:00-24:00']) {
      expect(() => loadConfig({ VIPDESK_CALL_WINDOW: value }), value).toThrow(/VIPDESK_CALL_WINDOW/);
    }
  });
});

describe('VIPDESK_TRUST_PROXY', () => {
  const trust = (value?: string) =>
    loadConfig(value === undefined ? {} : { VIPDESK_TRUST_PROXY: value }).security.trustProxy;

  it('trusts no proxy by default, and takes true, a hop count or proxy addresses', () => {
    expect(trust()).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('1')).toBe(1);
    expect(trust('10.0.0.0/8, 127.0.0.1,loopback,::1')).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'loopback',
      '::1',
    ]);
  });

  it('refuses anything else, naming the variable', () => {
    for (const value of ['yes', 'proxy.example.com', '10.0.0.0/8;127.0.0.1', '-1']) {
      expect(() => trust(value)).toThrow(
        /VIPDESK_TRUST_PROXY: must be 'false', 'true', a number of proxy hops/,
      );
    }
  });
});
