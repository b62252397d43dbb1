import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTACT_POLICY } from '#src/features/contact-policy/contact-policy-settings';
import { DEFAULT_RETRY_SETTINGS, daypartOf } from '#src/features/queue/retry-rules';
import {
  CALL_DISPOSITIONS,
  type CallSubject,
  callbackTimeProblem,
  callPurposeOf,
  reachedBy,
  scriptCodeFor,
  surveyFollows,
  taskAfterCall,
} from './call-rules';

const ZONE = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);
const subject = (overrides: Partial<CallSubject> = {}): CallSubject => ({
  campaignKind: null,
  action: null,
  kind: 'retention_call',
  offerCode: null,
  ...overrides,
});

describe('call dispositions', () => {
  it('counts only a conversation with the subscriber as reached', () => {
    const reached = CALL_DISPOSITIONS.filter(reachedBy);
    expect(reached).toEqual(['call_back', 'refused', 'accepted', 'complaint', 'do_not_call']);
  });

  it('sends a survey after a finished conversation, not after do-not-call or a pending callback', () => {
    expect(CALL_DISPOSITIONS.filter(surveyFollows)).toEqual(['refused', 'accepted', 'complaint']);
  });
});

describe('call purpose', () => {
  it('follows the campaign kind first', () => {
    expect(callPurposeOf(subject({ campaignKind: 'retention', kind: 'care_call' }))).toBe('marketing');
    expect(callPurposeOf(subject({ campaignKind: 'upsell' }))).toBe('marketing');
    expect(callPurposeOf(subject({ campaignKind: 'care', offerCode: 'X' }))).toBe('care');
    expect(callPurposeOf(subject({ campaignKind: 'questionnaire' }))).toBe('care');
  });

  it('without a campaign: an offer makes it marketing, else the action decides', () => {
    expect(callPurposeOf(subject({ kind: 'care_call', offerCode: 'NIGHT_DATA_PACK' }))).toBe('marketing');
    expect(callPurposeOf(subject({ kind: 'care_call' }))).toBe('care');
    expect(callPurposeOf(subject({ kind: 'callback', action: 'upsell_call' }))).toBe('marketing');
    expect(callPurposeOf(subject({ kind: 'callback' }))).toBe('care');
  });
});

describe('script choice', () => {
  const facts = { signalCodes: [] as string[], hasKeyMoment: false };

  it("uses the campaign's script when it names one", () => {
    expect(scriptCodeFor({ ...subject(), campaignScriptCode: 'care_revisit' }, facts)).toBe('care_revisit');
  });

  it('fits the opening to the situation otherwise', () => {
    const none = { campaignScriptCode: null };
    expect(scriptCodeFor({ ...subject(), ...none }, facts)).toBe('retention_service_marketing');
    expect(
      scriptCodeFor({ ...subject(), ...none }, { signalCodes: ['COMPETITOR_HOTLINE'], hasKeyMoment: false }),
    ).toBe('retention_competitor_winback');
    expect(
      scriptCodeFor({ ...subject({ kind: 'care_call' }), ...none }, { ...facts, hasKeyMoment: true }),
    ).toBe('care_key_moment');
    expect(scriptCodeFor({ ...subject({ kind: 'care_call' }), ...none }, facts)).toBe('care_revisit');
    expect(scriptCodeFor({ ...subject({ kind: 'upsell_call' }), ...none }, facts)).toBe(
      'upsell_new_business',
    );
    expect(
      scriptCodeFor({ ...subject({ campaignKind: 'questionnaire', kind: 'care_call' }), ...none }, facts),
    ).toBe('questionnaire_satisfaction');
    expect(scriptCodeFor({ ...subject({ kind: 'callback' }), ...none }, facts)).toBeNull();
  });
});

describe('the task after a call', () => {
  it('closes the task with the disposition as the reason', () => {
    expect(taskAfterCall('accepted', 0, at('2026-11-23T10:00:00'), DEFAULT_RETRY_SETTINGS, ZONE)).toEqual({
      status: 'done',
      attempts: 1,
      closedReason: 'accepted',
    });
  });

  it('retries a not-reached call after the delay in another part of the day, until K attempts', () => {
    const K = DEFAULT_RETRY_SETTINGS.maxAttempts;
    // Any instant over a year; any number of attempts already spent.
    const instant = fc
      .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) })
      .map((ms) => new Date(ms));
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: K + 2 }), (calledAt, before) => {
        const after = taskAfterCall('not_reached', before, calledAt, DEFAULT_RETRY_SETTINGS, ZONE);
        expect(after.attempts).toBe(before + 1);
        if (before + 1 >= K) {
          expect(after).toEqual({ status: 'done', attempts: before + 1, closedReason: 'attempts_exhausted' });
          return;
        }
        if (after.status !== 'open') throw new Error('expected a retry');
        const delayMs = DEFAULT_RETRY_SETTINGS.delayHours * 3_600_000;
        expect(after.dueAt.getTime()).toBeGreaterThanOrEqual(calledAt.getTime() + delayMs);
        const part = daypartOf(after.dueAt, DEFAULT_RETRY_SETTINGS, ZONE);
        expect(part).not.toBe(-1);
        expect(part).not.toBe(daypartOf(calledAt, DEFAULT_RETRY_SETTINGS, ZONE));
      }),
      { numRuns: 300 },
    );
  });
});

describe('callback time', () => {
  const now = at('2026-11-23T10:00:00');

  it('accepts a time ahead inside the calling window', () => {
    expect(callbackTimeProblem(at('2026-11-24T15:30:00'), now, DEFAULT_CONTACT_POLICY)).toBeNull();
  });

  it('names what is wrong otherwise', () => {
    expect(callbackTimeProblem(at('2026-11-23T09:00:00'), now, DEFAULT_CONTACT_POLICY)).toBe(
      'must be in the future',
    );
    expect(callbackTimeProblem(at('2026-11-23T21:00:00'), now, DEFAULT_CONTACT_POLICY)).toMatch(
      /calling window 08:00–21:00/,
    );
    expect(callbackTimeProblem(at('2026-11-24T07:59:00'), now, DEFAULT_CONTACT_POLICY)).toMatch(
      /calling window/,
    );
    expect(callbackTimeProblem(at('2027-01-05T10:00:00'), now, DEFAULT_CONTACT_POLICY)).toBe(
      'must be within 30 days',
    );
  });
});
