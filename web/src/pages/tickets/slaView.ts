import type { TFunction } from 'i18next';
import type { SlaState } from '../../api/types-tickets';

/** What the server read off the SLA clock when the page fetched the ticket. */
export type SlaSnapshot = {
  state: SlaState;
  dueAt: string;
  /** Only the detail has it; the list turns orange when the server says so. */
  warningAt?: string | null;
  remainingMinutes: number;
  overdueMinutes: number;
};

export type LiveSla = { state: SlaState; remainingMinutes: number; overdueMinutes: number };

const RUNNING: readonly SlaState[] = ['on_track', 'warning', 'breached'];

/**
 * The clock between two fetches. The due and warning instants are exact (the server placed them on the
 * business calendar); the minute counts move with the wall clock, which is off by at most the refresh
 * interval outside business hours — the next fetch corrects it. Paused and closed clocks stand still.
 */
export function liveSla(snapshot: SlaSnapshot, fetchedAt: number, now: number): LiveSla {
  const { state } = snapshot;
  if (!RUNNING.includes(state)) return snapshot;
  const passed = Math.max(0, Math.floor((now - fetchedAt) / 60_000));
  const due = Date.parse(snapshot.dueAt);
  if (state === 'breached' || now >= due) {
    const sinceDue = Math.max(0, Math.floor((now - due) / 60_000));
    const overdue = state === 'breached' ? snapshot.overdueMinutes + passed : sinceDue;
    return { state: 'breached', remainingMinutes: 0, overdueMinutes: overdue };
  }
  const remaining = Math.max(0, snapshot.remainingMinutes - passed);
  const warning = snapshot.warningAt ? Date.parse(snapshot.warningAt) : null;
  const nextState: SlaState =
    state === 'warning' || (warning !== null && now >= warning) ? 'warning' : 'on_track';
  return { state: nextState, remainingMinutes: remaining, overdueMinutes: 0 };
}

/** "2天3小时" / "2d 3h" over a day, "3小时12分" / "3h 12m" below, "12分" / "12m" under an hour. */
export function formatMinutes(t: TFunction, minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  if (days > 0) return t('tickets.duration.daysHours', { days, hours });
  if (hours > 0) return t('tickets.duration.hoursMinutes', { hours, minutes: mins });
  return t('tickets.duration.minutes', { minutes: mins });
}

/** Overdue time in whole hours for the "overdue Xh" badge (at least 1 once breached). */
export function overdueHours(minutes: number): number {
  return Math.max(1, Math.ceil(minutes / 60));
}

export const SLA_COLORS: Record<SlaState, string> = {
  on_track: 'green',
  warning: 'orange',
  breached: 'red',
  paused: 'default',
  met: 'green',
  missed: 'volcano',
};

/** Ant Design text colours for the countdown itself. */
export const SLA_TEXT_COLORS: Partial<Record<SlaState, string>> = {
  warning: '#d46b08',
  breached: '#cf1322',
  missed: '#cf1322',
};
