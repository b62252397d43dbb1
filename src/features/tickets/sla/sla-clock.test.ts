import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from './business-calendar';
import { readSlaClock, type SlaClockInput, type SlaPause } from './sla-clock';
import type { SlaTerms } from './sla-matrix';

const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`);
const calendar = DEFAULT_BUSINESS_CALENDAR;

function buildTerms(overrides: Partial<SlaTerms> = {}): SlaTerms {
  return {
    limitMinutes: 540,
    clock: 'business',
    warningRatio: 0.8,
    groupLeadAfterBreachMinutes: 0,
    managerAfterBreachMinutes: 240,
    ...overrides,
  };
}

function read(overrides: Partial<SlaClockInput> & Pick<SlaClockInput, 'openedAt' | 'now'>) {
  return readSlaClock({ terms: buildTerms(), calendar, ...overrides });
}

const pause = (from: string, to: string | null): SlaPause => ({
  pausedAt: bj(from),
  resumedAt: to === null ? null : bj(to),
});

describe('readSlaClock', () => {
  it('starts the clock at the next opening for a ticket opened on Saturday', () => {
    const reading = read({
      openedAt: bj('2025-03-08 10:00'),
      terms: buildTerms({ limitMinutes: 30 }),
      now: bj('2025-03-10 09:00'),
    });
    expect(reading.dueAt).toEqual(bj('2025-03-10 09:30'));
    expect(reading).toMatchObject({ state: 'on_track', elapsedMinutes: 0, remainingMinutes: 30 });
  });

  it('warns once 80% of the limit has elapsed', () => {
    const openedAt = bj('2025-03-10 09:00');
    expect(read({ openedAt, now: bj('2025-03-10 16:11') }).state).toBe('on_track');
    const warned = read({ openedAt, now: bj('2025-03-10 16:12') });
    expect(warned).toMatchObject({ state: 'warning', elapsedMinutes: 432, remainingMinutes: 108 });
    expect(warned.warningAt).toEqual(bj('2025-03-10 16:12'));
  });

  it('breaches at the due instant and escalates to the group lead, then the manager 240 business minutes later', () => {
    const openedAt = bj('2025-03-10 09:00');
    const atBreach = read({ openedAt, now: bj('2025-03-10 18:00') });
    expect(atBreach).toMatchObject({ state: 'breached', escalationLevel: 'group_lead', remainingMinutes: 0 });
    expect(atBreach.escalations).toEqual({
      groupLead: bj('2025-03-10 18:00'),
      manager: bj('2025-03-11 13:00'),
    });
    expect(read({ openedAt, now: bj('2025-03-11 12:59') }).escalationLevel).toBe('group_lead');
    expect(read({ openedAt, now: bj('2025-03-11 13:00') })).toMatchObject({
      escalationLevel: 'manager',
      overdueMinutes: 240,
    });
  });

  it('does not escalate before the breach', () => {
    expect(read({ openedAt: bj('2025-03-10 09:00'), now: bj('2025-03-10 17:59') }).escalationLevel).toBe(
      'none',
    );
  });

  it('pushes the due instant out by a pause spanning a night and a weekend', () => {
    const openedAt = bj('2025-03-07 14:00');
    expect(read({ openedAt, now: openedAt }).dueAt).toEqual(bj('2025-03-10 14:00'));
    const paused = read({
      openedAt,
      pauses: [pause('2025-03-07 16:00', '2025-03-10 11:00')],
      now: bj('2025-03-10 12:00'),
    });
    expect(paused.dueAt).toEqual(bj('2025-03-10 18:00'));
    expect(paused).toMatchObject({ state: 'on_track', elapsedMinutes: 180 });
  });

  it('counts overlapping pauses once', () => {
    const reading = read({
      openedAt: bj('2025-03-10 09:00'),
      pauses: [pause('2025-03-10 11:00', '2025-03-10 13:00'), pause('2025-03-10 10:00', '2025-03-10 12:00')],
      now: bj('2025-03-10 14:00'),
    });
    expect(reading.dueAt).toEqual(bj('2025-03-11 12:00'));
    expect(reading.elapsedMinutes).toBe(120);
  });

  it('freezes the clock while a pause is open and dates the due instant from now', () => {
    const reading = read({
      openedAt: bj('2025-03-10 09:00'),
      pauses: [pause('2025-03-10 11:00', null)],
      now: bj('2025-03-10 15:00'),
    });
    expect(reading).toMatchObject({ state: 'paused', elapsedMinutes: 120, remainingMinutes: 420 });
    expect(reading.dueAt).toEqual(bj('2025-03-11 13:00'));
  });

  it('stays breached when paused after the breach', () => {
    const reading = read({
      openedAt: bj('2025-03-10 09:00'),
      terms: buildTerms({ limitMinutes: 30 }),
      pauses: [pause('2025-03-10 10:00', null)],
      now: bj('2025-03-10 11:00'),
    });
    expect(reading).toMatchObject({ state: 'breached', elapsedMinutes: 60, overdueMinutes: 30 });
  });

  it('ignores pauses before opening and the part after closing', () => {
    const reading = read({
      openedAt: bj('2025-03-10 09:00'),
      pauses: [pause('2025-03-09 09:00', '2025-03-10 10:00')],
      closedAt: bj('2025-03-10 12:00'),
      now: bj('2025-03-12 12:00'),
    });
    expect(reading).toMatchObject({ state: 'met', elapsedMinutes: 120 });
  });

  it('is met when closed by the due instant and missed when closed after it', () => {
    const openedAt = bj('2025-03-10 09:00');
    expect(read({ openedAt, closedAt: bj('2025-03-10 18:00'), now: bj('2025-03-20 09:00') }).state).toBe(
      'met',
    );
    const missed = read({ openedAt, closedAt: bj('2025-03-11 10:00'), now: bj('2025-03-20 09:00') });
    expect(missed).toMatchObject({ state: 'missed', escalationLevel: 'group_lead', overdueMinutes: 60 });
  });

  it('reads an open ticket when the close is still in the future of now', () => {
    const reading = read({
      openedAt: bj('2025-03-10 09:00'),
      closedAt: bj('2025-03-10 12:00'),
      now: bj('2025-03-10 10:00'),
    });
    expect(reading).toMatchObject({ state: 'on_track', elapsedMinutes: 60 });
  });

  it('runs a calendar-time clock through nights and public holidays', () => {
    const reading = read({
      openedAt: bj('2025-10-04 20:00'),
      terms: buildTerms({ limitMinutes: 1440, clock: 'calendar' }),
      now: bj('2025-10-05 21:00'),
    });
    expect(reading.dueAt).toEqual(bj('2025-10-05 20:00'));
    expect(reading.escalations.manager).toEqual(bj('2025-10-06 00:00'));
    expect(reading).toMatchObject({ state: 'breached', escalationLevel: 'group_lead', overdueMinutes: 60 });
  });

  it('pauses a calendar-time clock overnight', () => {
    const reading = read({
      openedAt: bj('2025-10-04 20:00'),
      terms: buildTerms({ limitMinutes: 1440, clock: 'calendar' }),
      pauses: [pause('2025-10-04 22:00', '2025-10-05 08:00')],
      now: bj('2025-10-05 08:00'),
    });
    expect(reading.dueAt).toEqual(bj('2025-10-06 06:00'));
    expect(reading.elapsedMinutes).toBe(120);
  });

  it('rejects a pause that resumes before it starts', () => {
    expect(() =>
      read({
        openedAt: bj('2025-03-10 09:00'),
        pauses: [pause('2025-03-10 12:00', '2025-03-10 11:00')],
        now: bj('2025-03-10 13:00'),
      }),
    ).toThrow(RangeError);
  });

  const minute = 60_000;
  const opened = fc.integer({
    min: Date.parse('2025-01-01T00:00:00Z'),
    max: Date.parse('2026-11-01T00:00:00Z'),
  });
  const pauses = fc.array(
    fc.record({
      offset: fc.integer({ min: -2_000, max: 20_000 }),
      length: fc.integer({ min: 0, max: 5_000 }),
    }),
    { maxLength: 4 },
  );
  const terms = fc.record({
    limitMinutes: fc.integer({ min: 1, max: 3_000 }),
    clock: fc.constantFrom('business' as const, 'calendar' as const),
  });

  it('never puts the due instant before opening, nor earlier when pauses are added', () => {
    fc.assert(
      fc.property(opened, terms, pauses, (openedMs, sla, spans) => {
        const openedAt = new Date(openedMs);
        const now = new Date(openedMs + 30_000 * minute);
        const list = spans.map((s) => ({
          pausedAt: new Date(openedMs + s.offset * minute),
          resumedAt: new Date(openedMs + (s.offset + s.length) * minute),
        }));
        const base = readSlaClock({ openedAt, terms: buildTerms(sla), calendar, now });
        const withPauses = readSlaClock({ openedAt, terms: buildTerms(sla), calendar, pauses: list, now });
        expect(base.dueAt.getTime()).toBeGreaterThanOrEqual(openedMs);
        expect(withPauses.dueAt.getTime()).toBeGreaterThanOrEqual(base.dueAt.getTime());
        expect(withPauses.escalations.manager.getTime()).toBeGreaterThan(withPauses.dueAt.getTime());
      }),
      { numRuns: 150 },
    );
  });
});
