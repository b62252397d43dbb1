import { z } from 'zod';
import { localClock } from '#src/features/contact-policy/contact-policy';

/**
 * When to try again after "not reached" (issue 5 §5): after a delay, at most K attempts in all,
 * and at a different time of day than the attempt that failed — someone who never answers at
 * 10:00 may answer at 19:00.
 */
export const retrySettingsSchema = z.object({
  maxAttempts: z.number().int().min(1).max(10).default(3),
  delayHours: z
    .number()
    .min(0.5)
    .max(24 * 7)
    .default(4),
  /** Parts of the business day; a retry goes to a different part than the failed attempt. */
  dayparts: z
    .array(z.object({ from: z.string().regex(/^\d\d:\d\d$/), until: z.string().regex(/^\d\d:\d\d$/) }))
    .min(2)
    .default([
      { from: '09:00', until: '12:00' },
      { from: '12:00', until: '17:00' },
      { from: '17:00', until: '21:00' },
    ]),
});
export type RetrySettings = z.infer<typeof retrySettingsSchema>;
export const DEFAULT_RETRY_SETTINGS: RetrySettings = retrySettingsSchema.parse({});

export type RetryDecision = { retry: false } | { retry: true; notBefore: Date; avoidDaypart: number };

/** The daypart index an instant falls in (in the business zone), or -1 outside them all. */
export function daypartOf(at: Date, settings: RetrySettings, timeZone: string): number {
  const clock = localClock(at, timeZone);
  return settings.dayparts.findIndex((p) => clock >= p.from && clock < p.until);
}

/**
 * After a failed attempt (`attempts` counts it): no retry once K attempts are spent; otherwise not
 * before the delay, and not in the daypart the failed attempt was made in.
 */
export function nextRetry(
  failedAt: Date,
  attempts: number,
  settings: RetrySettings,
  timeZone: string,
): RetryDecision {
  if (attempts >= settings.maxAttempts) return { retry: false };
  return {
    retry: true,
    notBefore: new Date(failedAt.getTime() + settings.delayHours * 3_600_000),
    avoidDaypart: daypartOf(failedAt, settings, timeZone),
  };
}

/**
 * The first instant at or after `notBefore` that lies in a daypart other than `avoidDaypart`,
 * searched minute by minute over at most eight days (dayparts are whole minutes, so this is exact).
 */
export function firstSlotOutside(
  notBefore: Date,
  avoidDaypart: number,
  settings: RetrySettings,
  timeZone: string,
): Date {
  const step = 60_000;
  let at = new Date(Math.ceil(notBefore.getTime() / step) * step);
  for (let i = 0; i < 8 * 24 * 60; i++) {
    const part = daypartOf(at, settings, timeZone);
    if (part !== -1 && part !== avoidDaypart) return at;
    at = new Date(at.getTime() + step);
  }
  throw new Error('retry dayparts leave no slot within eight days');
}
