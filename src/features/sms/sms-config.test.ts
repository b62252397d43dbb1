import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseSmscUrl } from '#src/config/config';

describe('SMS settings', () => {
  it('leaves the SMSC unset by default, with the 10088 service number', () => {
    expect(loadConfig({}).sms).toEqual({
      smsc: null,
      sourceAddr: '10088',
      ratePerSecond: 20,
      batchSize: 50,
      maxAttempts: 5,
      retryBaseSeconds: 60,
      pollSeconds: 5,
    });
  });

  it('reads system id, password, host and port from the SMSC URL (escapes decoded, TLS with ssmpp)', () => {
    expect(
      loadConfig({ VIPDESK_SMSC_URL: 'smpp://vip%40desk:p%3Ass@smsc.example.cn:2776' }).sms.smsc,
    ).toEqual({
      host: 'smsc.example.cn',
      port: 2776,
      tls: false,
      systemId: 'vip@desk',
      password: 'p:ss',
    });
    expect(parseSmscUrl('smpp://vipdesk:pw@10.0.0.5')?.port).toBe(2775);
    expect(parseSmscUrl('ssmpp://vipdesk:pw@10.0.0.5')).toMatchObject({ port: 3550, tls: true });
  });

  it('reports every bad SMS setting at once', () => {
    let problems: string[] = [];
    try {
      loadConfig({
        VIPDESK_SMSC_URL: 'http://vipdesk:pw@host',
        VIPDESK_SMS_SOURCE_ADDR: '10O88',
        VIPDESK_SMS_RATE_PER_SECOND: '0',
      });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('VIPDESK_SMSC_URL: must look like smpp://system_id:password@host:2775');
    expect(parseSmscUrl('smpp://host:2775')).toBeNull(); // no system id
  });
});
