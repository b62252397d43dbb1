import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from './sla/business-calendar';
import { readSlaClock } from './sla/sla-clock';
import type { SlaTerms } from './sla/sla-matrix';
import { readTicketClock, settleSla, slaTermsOf, slaTransitions, storedPausesOf } from './ticket-sla';

// Calendar clock, 10 h limit: warning at 8 h, breach at 10 h, group lead at breach, manager 2 h later.
const terms: SlaTerms = {
  limitMinutes: 600,
  clock: 'calendar',
  warningRatio: 0.8,
  groupLeadAfterBreachMinutes: 0,
  managerAfterBreachMinutes: 120,
};
const openedAt = new Date('2026-03-02T00:00:00Z');
const at = (hours: number) => new Date(openedAt.getTime() + hours * 3_600_000);
const fresh = { escalationLevel: 'none', breachedAt: null };
const row = { openedAt, slaTerms: terms, pauses: [], closedAt: null, ...fresh };
const contacts = { leadUserId: 7, managerUserId: 8 };

describe('readTicketClock', () => {
  it('reads the stored row as readSlaClock reads the same inputs', () => {
    const pauses = [{ pausedAt: at(1).toISOString(), resumedAt: at(3).toISOString() }];
    const reading = readTicketClock({ ...row, pauses }, at(5));
    const direct = readSlaClock({
      openedAt,
      terms,
      calendar: DEFAULT_BUSINESS_CALENDAR,
      pauses: [{ pausedAt: at(1), resumedAt: at(3) }],
      now: at(5),
    });
    expect(reading).toEqual(direct);
    expect(reading.dueAt).toEqual(at(12));
  });

  it('reads stored jsonb defensively', () => {
    expect(storedPausesOf('nonsense')).toEqual([]);
    expect(storedPausesOf([{ pausedAt: 'x', resumedAt: 5 }, null])).toEqual([
      { pausedAt: 'x', resumedAt: null },
    ]);
    expect(slaTermsOf({ limitMinutes: 30, clock: 'calendar' }).limitMinutes).toBe(30);
  });
});

describe('slaTransitions', () => {
  it('warns once, breaches once, escalates step by step', () => {
    expect(slaTransitions({ ...fresh, warned: false }, readTicketClock(row, at(8.5)))).toEqual({
      warning: true,
      breached: false,
      escalations: [],
    });
    expect(slaTransitions({ ...fresh, warned: true }, readTicketClock(row, at(8.5))).warning).toBe(false);
    expect(slaTransitions({ ...fresh, warned: true }, readTicketClock(row, at(10.5)))).toEqual({
      warning: false,
      breached: true,
      escalations: ['group_lead'],
    });
    const breachedAt = at(10);
    expect(
      slaTransitions(
        { escalationLevel: 'group_lead', breachedAt, warned: true },
        readTicketClock(row, at(12.5)),
      ),
    ).toEqual({ warning: false, breached: false, escalations: ['manager'] });
  });

  it('takes both escalation steps when the first sight is already past the manager step', () => {
    expect(slaTransitions({ ...fresh, warned: false }, readTicketClock(row, at(13))).escalations).toEqual([
      'group_lead',
      'manager',
    ]);
  });

  it('raises nothing for a closed ticket', () => {
    const closed = readTicketClock({ ...row, closedAt: at(11) }, at(20));
    expect(closed.state).toBe('missed');
    expect(slaTransitions({ ...fresh, warned: false }, closed)).toEqual({
      warning: false,
      breached: false,
      escalations: [],
    });
  });
});

describe('settleSla', () => {
  it('stores the breach instant and names who each escalation goes to', () => {
    const settled = settleSla(row, true, contacts, at(12.5));
    expect(settled.fields).toEqual({
      dueAt: at(10),
      slaState: 'breached',
      escalationLevel: 'manager',
      breachedAt: at(10),
    });
    expect(settled.breached).toBe(true);
    expect(settled.events.map((e) => e.kind)).toEqual(['breached', 'escalated', 'escalated']);
    expect(settled.events.slice(1).map((e) => e.details)).toEqual([
      { level: 'group_lead', toUserId: 7 },
      { level: 'manager', toUserId: 8 },
    ]);
  });

  it('is idempotent: settling what it stored gives no events', () => {
    const first = settleSla(row, false, contacts, at(12.5));
    const second = settleSla({ ...row, ...first.fields }, true, contacts, at(12.5));
    expect(second.events).toEqual([]);
    expect(second.breached).toBe(false);
    expect(second.fields).toEqual(first.fields);
  });

  it('keeps an escalation when a later reading is lower (a reopened ticket never un-escalates)', () => {
    const settled = settleSla(
      { ...row, escalationLevel: 'manager', breachedAt: at(10) },
      true,
      contacts,
      at(1),
    );
    expect(settled.fields.escalationLevel).toBe('manager');
    expect(settled.events).toEqual([]);
  });
});
