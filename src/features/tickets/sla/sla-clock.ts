import {
  addBusinessMinutes,
  alwaysOpenCalendar,
  type BusinessCalendar,
  businessMinutesBetween,
} from './business-calendar';
import type { SlaTerms } from './sla-matrix';

/** Time the ticket waited on the customer; `resumedAt` null while it still waits. */
export interface SlaPause {
  readonly pausedAt: Date;
  readonly resumedAt: Date | null;
}

export interface SlaClockInput {
  readonly openedAt: Date;
  readonly terms: SlaTerms;
  readonly calendar: BusinessCalendar;
  readonly pauses?: readonly SlaPause[];
  readonly closedAt?: Date | null;
  readonly now: Date;
}

export type SlaState = 'on_track' | 'warning' | 'breached' | 'paused' | 'met' | 'missed';
export type EscalationLevel = 'none' | 'group_lead' | 'manager';

export interface SlaReading {
  readonly state: SlaState;
  /** Provisional while paused: the due instant if the ticket resumed at `now`. */
  readonly dueAt: Date;
  readonly warningAt: Date;
  /** Clock minutes counted from opening to `now` (or closing), pauses left out. */
  readonly elapsedMinutes: number;
  readonly remainingMinutes: number;
  readonly overdueMinutes: number;
  readonly escalationLevel: EscalationLevel;
  /** When each escalation step falls due (or fell due); later steps after a close never happen. */
  readonly escalations: { readonly groupLead: Date; readonly manager: Date };
}

interface Span {
  readonly start: number;
  readonly end: number;
}

const calendarClocks = new Map<string, BusinessCalendar>();

function clockCalendar(terms: SlaTerms, calendar: BusinessCalendar): BusinessCalendar {
  if (terms.clock === 'business') return calendar;
  let always = calendarClocks.get(calendar.timeZone);
  if (!always) {
    always = alwaysOpenCalendar(calendar.timeZone);
    calendarClocks.set(calendar.timeZone, always);
  }
  return always;
}

/** Pauses clipped to [openedAt, until], an open pause ending at `until`, merged where they overlap. */
function mergedPauses(pauses: readonly SlaPause[], openedAt: number, until: number): Span[] {
  const spans: Span[] = [];
  for (const pause of pauses) {
    const pausedAt = pause.pausedAt.getTime();
    const resumedAt = pause.resumedAt?.getTime() ?? until;
    if (resumedAt < pausedAt) throw new RangeError('a pause cannot resume before it starts');
    const start = Math.max(pausedAt, openedAt);
    const end = Math.min(resumedAt, until);
    if (end > start) spans.push({ start, end });
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end)
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
}

/** The instant `minutes` clock minutes after opening, skipping the pauses. */
function instantAfter(
  openedAt: number,
  minutes: number,
  pauses: readonly Span[],
  calendar: BusinessCalendar,
): Date {
  let from = openedAt;
  let remaining = minutes;
  for (const pause of pauses) {
    if (pause.end <= from) continue;
    const before = businessMinutesBetween(new Date(from), new Date(pause.start), calendar);
    if (before >= remaining) return addBusinessMinutes(new Date(from), remaining, calendar);
    remaining -= before;
    from = Math.max(from, pause.end);
  }
  return addBusinessMinutes(new Date(from), remaining, calendar);
}

function activeMinutes(
  openedAt: number,
  until: number,
  pauses: readonly Span[],
  calendar: BusinessCalendar,
): number {
  let total = 0;
  let from = openedAt;
  for (const pause of pauses) {
    if (pause.start > from)
      total += businessMinutesBetween(new Date(from), new Date(Math.min(pause.start, until)), calendar);
    from = Math.max(from, pause.end);
  }
  if (until > from) total += businessMinutesBetween(new Date(from), new Date(until), calendar);
  return total;
}

/** Reads a ticket's SLA clock at `now`; pure, everything comes from the arguments. */
export function readSlaClock(input: SlaClockInput): SlaReading {
  const { terms, now } = input;
  const openedAt = input.openedAt.getTime();
  const closedAt = input.closedAt?.getTime() ?? null;
  if (closedAt !== null && closedAt < openedAt) throw new RangeError('a ticket cannot close before it opens');
  const closed = closedAt !== null && closedAt <= now.getTime();
  const until = Math.max(openedAt, closed && closedAt !== null ? closedAt : now.getTime());
  const calendar = clockCalendar(terms, input.calendar);
  const pauses = mergedPauses(input.pauses ?? [], openedAt, until);

  const dueAt = instantAfter(openedAt, terms.limitMinutes, pauses, calendar);
  const warningAt = instantAfter(openedAt, terms.limitMinutes * terms.warningRatio, pauses, calendar);
  const escalations = {
    groupLead: instantAfter(
      openedAt,
      terms.limitMinutes + terms.groupLeadAfterBreachMinutes,
      pauses,
      calendar,
    ),
    manager: instantAfter(openedAt, terms.limitMinutes + terms.managerAfterBreachMinutes, pauses, calendar),
  };
  const elapsedMinutes = activeMinutes(openedAt, until, pauses, calendar);
  const pausedNow = !closed && (input.pauses ?? []).some((p) => isRunningAt(p, until));

  return {
    state: stateAt({ closed, until, dueAt: dueAt.getTime(), warningAt: warningAt.getTime(), pausedNow }),
    dueAt,
    warningAt,
    elapsedMinutes,
    remainingMinutes: Math.max(0, terms.limitMinutes - elapsedMinutes),
    overdueMinutes: Math.max(0, elapsedMinutes - terms.limitMinutes),
    escalationLevel: escalationAt(until, escalations),
    escalations,
  };
}

function isRunningAt(pause: SlaPause, at: number): boolean {
  return pause.pausedAt.getTime() <= at && (pause.resumedAt === null || pause.resumedAt.getTime() > at);
}

function stateAt(at: {
  closed: boolean;
  until: number;
  dueAt: number;
  warningAt: number;
  pausedNow: boolean;
}): SlaState {
  if (at.closed) return at.until <= at.dueAt ? 'met' : 'missed';
  if (at.until >= at.dueAt) return 'breached';
  if (at.pausedNow) return 'paused';
  if (at.until >= at.warningAt) return 'warning';
  return 'on_track';
}

function escalationAt(until: number, escalations: { groupLead: Date; manager: Date }): EscalationLevel {
  if (until >= escalations.manager.getTime()) return 'manager';
  if (until >= escalations.groupLead.getTime()) return 'group_lead';
  return 'none';
}
