import { resolve } from 'node:path';
import { Cron } from 'croner';
import { z } from 'zod';
import type { ContactPolicySettings } from '#src/features/contact-policy/contact-policy-settings';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function isCronPattern(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "HH:MM-HH:MM", the same day, start before end. */
const localWindow = z
  .string()
  .trim()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, { error: "must look like '08:00-21:00'" })
  .refine((w) => w.slice(0, 5) < w.slice(6), { error: 'must start before it ends (the same day)' })
  .transform((w) => ({ from: w.slice(0, 5), until: w.slice(6) }));

const envSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  VIPDESK_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  VIPDESK_TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine(isValidTimeZone, { error: 'is not an IANA time zone such as Asia/Shanghai' }),
  VIPDESK_DEMO_SUBSCRIBERS: z.coerce.number().int().min(0).max(10_000_000).default(20_000),
  VIPDESK_DUCKDB_MEMORY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, { error: 'must look like 2GB or 512MiB' })
    .default('2GB'),
  VIPDESK_SCORING_SCHEDULE: z
    .string()
    .trim()
    .default('30 2 * * *')
    .refine((v) => v === 'off' || isCronPattern(v), {
      error: "must be a cron pattern such as '30 2 * * *' (business time zone) or 'off'",
    }),
  VIPDESK_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  VIPDESK_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  VIPDESK_SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  VIPDESK_SIGN_IN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  // Rate limits, counted from the audit log (src/features/audit/rate-limit.ts). Per user: revealing
  // full personal data, bulk exports (each kind: subscriber CSV, bulk service reports), SMS sent by hand.
  VIPDESK_UNMASK_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(20),
  VIPDESK_EXPORT_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(10),
  VIPDESK_SMS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(60),
  // Sign-in attempts (right or wrong) per username — known or not — and per source address in a
  // rolling window, apart from the lockout: the lockout keeps guessers off one account, these keep a
  // flood of argon2 verifications off the server. Per address is sized for a call centre behind one
  // NAT or proxy signing in at the start of a shift.
  VIPDESK_SIGN_IN_PER_USERNAME: z.coerce.number().int().min(1).max(10_000).default(20),
  VIPDESK_SIGN_IN_PER_IP: z.coerce.number().int().min(1).max(100_000).default(1_000),
  VIPDESK_SIGN_IN_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Set when the console is served over HTTPS (behind a TLS-terminating proxy, say). */
  VIPDESK_COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // Behind a reverse proxy every request comes from the proxy's address: which proxies' X-Forwarded-For
  // to believe, so per-address sign-in limits and the audit log see the client's address.
  VIPDESK_TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .refine((v) => parseTrustProxy(v) !== undefined, {
      error:
        "must be 'false', 'true', a number of proxy hops, or proxy addresses (IPs, CIDR ranges, 'loopback', 'uniquelocal') separated by commas",
    }),
  // The contact policy (DOMAIN.md §12): local windows and rolling caps per subscriber.
  VIPDESK_CALL_WINDOW: localWindow.prefault('08:00-21:00'),
  VIPDESK_SMS_WINDOW: localWindow.prefault('08:00-21:00'),
  VIPDESK_CAP_WINDOW_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  VIPDESK_CAP_MARKETING: z.coerce.number().int().min(0).max(100).default(1),
  VIPDESK_CAP_CARE: z.coerce.number().int().min(0).max(100).default(2),
  VIPDESK_CAP_TOTAL: z.coerce.number().int().min(0).max(100).default(3),
  VIPDESK_CAP_ATTEMPTS_24H: z.coerce.number().int().min(0).max(50).default(5),
  // SMS (issue 5 §8). Unset SMSC URL: messages wait in the outbox ('smsc not configured'), never dropped.
  VIPDESK_SMSC_URL: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || parseSmscUrl(v) !== null, {
      error: 'must look like smpp://system_id:password@host:2775 (ssmpp:// for TLS)',
    }),
  /** How agents name the operator on calls (the scripts' {operatorName}). */
  VIPDESK_OPERATOR_NAME: z.string().trim().min(1).max(40).default('中国移动'),
  VIPDESK_SMS_SOURCE_ADDR: z
    .string()
    .regex(/^\d{3,20}$/, { error: 'must be 3–20 digits (the service number, e.g. 10088)' })
    .default('10088'),
  VIPDESK_SMS_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(20),
  VIPDESK_SMS_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  VIPDESK_SMS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  VIPDESK_SMS_RETRY_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(60),
  VIPDESK_SMS_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
});

export type Config = {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  usageDir: string;
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  timeZone: string;
  /** The operator as scripts name it, and its service number (the SMS sender's number). */
  operator: { name: string; serviceNumber: string };
  demoSubscribers: number;
  duckdbMemoryLimit: string;
  /** When the server scores every subscriber (cron, business time zone); null = never. */
  scoringSchedule: string | null;
  security: SecurityConfig;
  sms: SmsConfig;
  /** The contact policy every outbound call and SMS passes (contact-policy/). */
  contactPolicy: ContactPolicySettings;
};

/** Where and how the SMS outbox sends (src/features/sms/sms-sender.ts). */
export type SmsConfig = {
  /** null: no SMSC; the outbox keeps messages queued until one is configured. */
  smsc: SmscConfig | null;
  /** The service number messages come from (and MO replies go to). */
  sourceAddr: string;
  /** Most submit_sm per second (SMSC contracts cap the rate). */
  ratePerSecond: number;
  /** Messages claimed per pass. */
  batchSize: number;
  /** Tries before a message is failed for good. */
  maxAttempts: number;
  /** First retry delay; doubles with every further attempt. */
  retryBaseSeconds: number;
  /** How often the sender looks for due messages. */
  pollSeconds: number;
};

export type SmscConfig = { host: string; port: number; tls: boolean; systemId: string; password: string };

/** smpp://system_id:password@host[:port] (ssmpp:// = TLS); percent-escapes allowed in the credentials. */
export function parseSmscUrl(value: string): SmscConfig | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'smpp:' && url.protocol !== 'ssmpp:') return null;
  if (!url.hostname || !url.username) return null;
  const tls = url.protocol === 'ssmpp:';
  try {
    return {
      host: url.hostname,
      port: url.port ? Number(url.port) : tls ? 3550 : 2775,
      tls,
      systemId: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
  } catch {
    return null;
  }
}

export type SecurityConfig = {
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  signInMaxFailures: number;
  signInLockMinutes: number;
  /** Per-user limits: full-value reveals an hour, bulk exports of each kind a day, hand-sent SMS an hour. */
  unmaskPerHour: number;
  exportPerDay: number;
  smsPerHour: number;
  /** Sign-in attempts per username and per source address within `signInWindowMinutes`. */
  signInPerUsername: number;
  signInPerIp: number;
  signInWindowMinutes: number;
  cookieSecure: boolean;
  /**
   * Fastify's `trustProxy`: false (the socket's address is the client's), true (the leftmost
   * X-Forwarded-For address, whoever sent it), a number of proxy hops, or the proxies' addresses.
   */
  trustProxy: TrustProxy;
};

export type TrustProxy = boolean | number | string[];

/** Names proxy-addr (Fastify's) knows for address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const PROXY_ADDRESS = /^[0-9a-fA-F:.]+(\/\d{1,3})?$/;

/** VIPDESK_TRUST_PROXY as Fastify takes it; undefined when it is none of the accepted forms. */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every((entry) => PROXY_RANGE_NAMES.has(entry) || PROXY_ADDRESS.test(entry))
    ? entries
    : undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`vipdesk cannot start; fix the environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; reports every problem together rather than the first. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const dataDir = resolve(e.VIPDESK_DATA_DIR);
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(dataDir, 'pglite') },
    dataDir,
    usageDir: resolve(dataDir, 'usage'),
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    timeZone: e.VIPDESK_TIMEZONE,
    operator: { name: e.VIPDESK_OPERATOR_NAME, serviceNumber: e.VIPDESK_SMS_SOURCE_ADDR },
    contactPolicy: {
      timeZone: e.VIPDESK_TIMEZONE,
      callWindow: e.VIPDESK_CALL_WINDOW,
      smsWindow: e.VIPDESK_SMS_WINDOW,
      caps: {
        windowDays: e.VIPDESK_CAP_WINDOW_DAYS,
        marketing: e.VIPDESK_CAP_MARKETING,
        care: e.VIPDESK_CAP_CARE,
        total: e.VIPDESK_CAP_TOTAL,
        attemptsPer24h: e.VIPDESK_CAP_ATTEMPTS_24H,
      },
    },
    demoSubscribers: e.VIPDESK_DEMO_SUBSCRIBERS,
    duckdbMemoryLimit: e.VIPDESK_DUCKDB_MEMORY_LIMIT,
    scoringSchedule: e.VIPDESK_SCORING_SCHEDULE === 'off' ? null : e.VIPDESK_SCORING_SCHEDULE,
    security: {
      sessionIdleMinutes: e.VIPDESK_SESSION_IDLE_MINUTES,
      sessionMaxHours: e.VIPDESK_SESSION_MAX_HOURS,
      signInMaxFailures: e.VIPDESK_SIGN_IN_MAX_FAILURES,
      signInLockMinutes: e.VIPDESK_SIGN_IN_LOCK_MINUTES,
      unmaskPerHour: e.VIPDESK_UNMASK_PER_HOUR,
      exportPerDay: e.VIPDESK_EXPORT_PER_DAY,
      smsPerHour: e.VIPDESK_SMS_PER_HOUR,
      signInPerUsername: e.VIPDESK_SIGN_IN_PER_USERNAME,
      signInPerIp: e.VIPDESK_SIGN_IN_PER_IP,
      signInWindowMinutes: e.VIPDESK_SIGN_IN_WINDOW_MINUTES,
      cookieSecure: e.VIPDESK_COOKIE_SECURE,
      trustProxy: parseTrustProxy(e.VIPDESK_TRUST_PROXY) ?? false,
    },
    sms: {
      smsc: e.VIPDESK_SMSC_URL ? parseSmscUrl(e.VIPDESK_SMSC_URL) : null,
      sourceAddr: e.VIPDESK_SMS_SOURCE_ADDR,
      ratePerSecond: e.VIPDESK_SMS_RATE_PER_SECOND,
      batchSize: e.VIPDESK_SMS_BATCH_SIZE,
      maxAttempts: e.VIPDESK_SMS_MAX_ATTEMPTS,
      retryBaseSeconds: e.VIPDESK_SMS_RETRY_SECONDS,
      pollSeconds: e.VIPDESK_SMS_POLL_SECONDS,
    },
  };
}

/** Whether standard output is an interactive terminal (progress bars only there). */
export function isInteractiveTerminal(): boolean {
  return Boolean(process.stdout.isTTY) && process.env.CI !== 'true';
}
