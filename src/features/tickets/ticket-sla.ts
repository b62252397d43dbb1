import { DEFAULT_BUSINESS_CALENDAR } from './sla/business-calendar';
import {
  type EscalationLevel,
  readSlaClock,
  type SlaPause,
  type SlaReading,
  type SlaState,
} from './sla/sla-clock';
import type { SlaTerms } from './sla/sla-matrix';

/** A pause as stored in `tickets.pauses` (jsonb): ISO strings, `resumedAt` null while waiting. */
export type StoredPause = { pausedAt: string; resumedAt: string | null };

/** What the clock needs from a ticket row. */
export type TicketClockRow = {
  openedAt: Date;
  slaTerms: unknown;
  pauses: unknown;
  closedAt: Date | null;
};

export function storedPausesOf(value: unknown): StoredPause[] {
  if (!Array.isArray(value)) return [];
  const pauses: StoredPause[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const pausedAt: unknown = Reflect.get(item, 'pausedAt');
    const resumedAt: unknown = Reflect.get(item, 'resumedAt');
    if (typeof pausedAt !== 'string') continue;
    pauses.push({ pausedAt, resumedAt: typeof resumedAt === 'string' ? resumedAt : null });
  }
  return pauses;
}

function clockPauses(value: unknown): SlaPause[] {
  return storedPausesOf(value).map((p) => ({
    pausedAt: new Date(p.pausedAt),
    resumedAt: p.resumedAt === null ? null : new Date(p.resumedAt),
  }));
}

function numberField(value: object, key: string, fallback: number): number {
  const field: unknown = Reflect.get(value, key);
  return typeof field === 'number' && Number.isFinite(field) ? field : fallback;
}

/** The terms copied into the row at opening (jsonb), read back defensively. */
export function slaTermsOf(value: unknown): SlaTerms {
  const terms = typeof value === 'object' && value !== null ? value : {};
  const clock: unknown = Reflect.get(terms, 'clock');
  return {
    limitMinutes: numberField(terms, 'limitMinutes', 1080),
    clock: clock === 'calendar' ? 'calendar' : 'business',
    warningRatio: numberField(terms, 'warningRatio', 0.8),
    groupLeadAfterBreachMinutes: numberField(terms, 'groupLeadAfterBreachMinutes', 0),
    managerAfterBreachMinutes: numberField(terms, 'managerAfterBreachMinutes', 240),
  };
}

/** The ticket's SLA clock at `now`, on China's business calendar. */
export function readTicketClock(row: TicketClockRow, now: Date): SlaReading {
  return readSlaClock({
    openedAt: row.openedAt,
    terms: slaTermsOf(row.slaTerms),
    calendar: DEFAULT_BUSINESS_CALENDAR,
    pauses: clockPauses(row.pauses),
    closedAt: row.closedAt,
    now,
  });
}

const ESCALATION_ORDER: readonly EscalationLevel[] = ['none', 'group_lead', 'manager'];
// The same list widened, to look up a level stored as plain text.
const ESCALATION_NAMES: readonly string[] = ESCALATION_ORDER;

/** What the row last recorded about its clock, so each warning, breach and escalation is told once. */
export type RecordedSla = {
  escalationLevel: string;
  breachedAt: Date | null;
  /** Whether a `warning` event was ever written for the ticket. */
  warned: boolean;
};

export type SlaTransitions = {
  warning: boolean;
  breached: boolean;
  /** Escalation steps newly reached, in order (both when a sweep finds the manager step already due). */
  escalations: Exclude<EscalationLevel, 'none'>[];
};

/**
 * Which events a fresh reading calls for, given what was recorded: a warning once (skipped when the
 * ticket is already breached on first sight, where the breach says more), a breach once, each
 * escalation step once. Closed tickets raise nothing: their clock has stopped.
 */
export function slaTransitions(recorded: RecordedSla, reading: SlaReading): SlaTransitions {
  const none: SlaTransitions = { warning: false, breached: false, escalations: [] };
  if (reading.state === 'met' || reading.state === 'missed') return none;
  const breached = reading.state === 'breached' && recorded.breachedAt === null;
  const warning = reading.state === 'warning' && !recorded.warned && recorded.breachedAt === null;
  const from = escalationRank(recorded.escalationLevel);
  const to = escalationRank(reading.escalationLevel);
  const escalations: Exclude<EscalationLevel, 'none'>[] = [];
  for (const level of ESCALATION_ORDER.slice(from + 1, to + 1)) {
    if (level !== 'none') escalations.push(level);
  }
  return { warning, breached, escalations };
}

/** The higher of two escalation levels: a reopened or resumed ticket never un-escalates. */
export function higherEscalation(a: string, b: EscalationLevel): EscalationLevel {
  const rank = escalationRank(a);
  return rank > escalationRank(b) ? (ESCALATION_ORDER[rank] ?? b) : b;
}

/** Position in none → group_lead → manager; an unknown stored value counts as none. */
function escalationRank(level: string): number {
  return Math.max(0, ESCALATION_NAMES.indexOf(level));
}

/** Who receives an escalation: the ticket's group lead, then its manager. */
export type EscalationContacts = { leadUserId: number | null; managerUserId: number | null };

export type SlaEvent =
  | { kind: 'warning'; details: { warningAt: string; dueAt: string; remainingMinutes: number } }
  | { kind: 'breached'; details: { dueAt: string; overdueMinutes: number } }
  | { kind: 'escalated'; details: { level: 'group_lead' | 'manager'; toUserId: number | null } };

/** What a write or the sweep stores after reading the clock, and the events that reading calls for. */
export type SlaSettlement = {
  fields: { dueAt: Date; slaState: SlaState; escalationLevel: EscalationLevel; breachedAt: Date | null };
  events: SlaEvent[];
  /** True exactly once per ticket breach: the lifecycle's `breached` hook follows. */
  breached: boolean;
};

/**
 * Reads the clock of a ticket (as it will be after the change being written) and settles what to
 * store: the due time, the state, and each warning, breach and escalation not yet recorded.
 */
export function settleSla(
  row: TicketClockRow & { escalationLevel: string; breachedAt: Date | null },
  warned: boolean,
  contacts: EscalationContacts | null,
  now: Date,
): SlaSettlement {
  const reading = readTicketClock(row, now);
  const transitions = slaTransitions(
    { escalationLevel: row.escalationLevel, breachedAt: row.breachedAt, warned },
    reading,
  );
  const events: SlaEvent[] = [];
  if (transitions.warning) {
    events.push({
      kind: 'warning',
      details: {
        warningAt: reading.warningAt.toISOString(),
        dueAt: reading.dueAt.toISOString(),
        remainingMinutes: reading.remainingMinutes,
      },
    });
  }
  if (transitions.breached) {
    events.push({
      kind: 'breached',
      details: { dueAt: reading.dueAt.toISOString(), overdueMinutes: reading.overdueMinutes },
    });
  }
  for (const level of transitions.escalations) {
    const toUserId = level === 'group_lead' ? contacts?.leadUserId : contacts?.managerUserId;
    events.push({ kind: 'escalated', details: { level, toUserId: toUserId ?? null } });
  }
  return {
    fields: {
      dueAt: reading.dueAt,
      slaState: reading.state,
      escalationLevel: transitions.escalations.at(-1) ?? higherEscalation(row.escalationLevel, 'none'),
      breachedAt: transitions.breached ? reading.dueAt : row.breachedAt,
    },
    events,
    breached: transitions.breached,
  };
}
