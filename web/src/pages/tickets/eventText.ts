import type { TFunction } from 'i18next';
import type { TicketEvent } from '../../api/types-tickets';
import { formatDateTime } from '../../format/format';
import { formatMinutes } from './slaView';

/** The first of `keys` that holds a non-empty string or number in the event's details. */
function pick(details: Record<string, unknown> | null, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = details?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number') return String(value);
  }
  return null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T/;

/** Details the timeline has no sentence for, as "key: value" (ids left out, dates formatted). */
function otherDetails(details: Record<string, unknown> | null): string | null {
  const parts = Object.entries(details ?? {})
    .filter(([key, value]) => !/id$/i.test(key) && (typeof value === 'string' || typeof value === 'number'))
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === 'string' && ISO.test(value) ? formatDateTime(value) : value}`,
    );
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** Lookups the timeline needs to name things: categories and the users of the service groups. */
export type EventNames = {
  categoryName: (code: string) => string;
  userName: (userId: number) => string | null;
};

function userOf(d: Record<string, unknown> | null, key: string, names: EventNames): string | null {
  const id = d?.[key];
  return typeof id === 'number' ? (names.userName(id) ?? `#${id}`) : null;
}

/**
 * One line under an event's title, in the reader's language: the group it went to, the note's text, the
 * pause reason, the resolution, the revisit score… Unknown kinds show their details as they are.
 */
export function eventText(t: TFunction, event: TicketEvent, names: EventNames): string | null {
  const d = event.details;
  switch (event.kind) {
    case 'opened': {
      const source = pick(d, 'source');
      const category = pick(d, 'category');
      return [
        source ? t(`tickets.source.${source}`, { defaultValue: source }) : null,
        category ? names.categoryName(category) : null,
      ]
        .filter(Boolean)
        .join(' · ');
    }
    case 'dispatched': {
      const group = pick(d, 'groupName', 'group');
      return group ? t('tickets.eventText.dispatched', { group }) : otherDetails(d);
    }
    case 'assigned': {
      const who = pick(d, 'assigneeName') ?? userOf(d, 'assigneeUserId', names) ?? t('tickets.unassigned');
      const group = pick(d, 'groupName');
      const byLoad = d?.by === 'load' ? t('tickets.eventText.byLoad') : null;
      return [group ? `${group} → ${who}` : who, byLoad].filter(Boolean).join(' · ');
    }
    case 'note':
      return pick(d, 'text', 'note');
    case 'paused':
    case 'reopened':
      return pick(d, 'reason');
    case 'closed':
      return pick(d, 'resolution');
    case 'updated':
      return t('tickets.eventText.updated', {
        fields: Object.keys(d ?? {})
          .map((field) => t(`tickets.fields.${field}`, { defaultValue: field }))
          .join(', '),
      });
    case 'warning': {
      const remaining = d?.remainingMinutes;
      return typeof remaining === 'number'
        ? t('tickets.eventText.warning', { time: formatMinutes(t, remaining) })
        : null;
    }
    case 'breached': {
      const due = pick(d, 'dueAt');
      return due ? t('tickets.sla.dueAt', { time: formatDateTime(due) }) : null;
    }
    case 'escalated': {
      const level = pick(d, 'level', 'escalationLevel');
      const who = userOf(d, 'toUserId', names);
      const levelText = level ? t(`tickets.escalation.${level}`, { defaultValue: level }) : '';
      return [levelText, who].filter(Boolean).join(' → ') || null;
    }
    case 'revisit': {
      const outcome = pick(d, 'outcome');
      const channel = pick(d, 'channel');
      const score = pick(d, 'score');
      return (
        [
          channel ? t(`tickets.revisits.channel.${channel}`, { defaultValue: channel }) : null,
          outcome ? t(`tickets.revisits.status.${outcome}`, { defaultValue: outcome }) : null,
          score ? t('tickets.revisits.score', { score }) : null,
          d?.reopened === true ? t('tickets.revisits.reopened') : null,
        ]
          .filter(Boolean)
          .join(' · ') || null
      );
    }
    default:
      return otherDetails(d);
  }
}

export const EVENT_COLORS: Record<string, string> = {
  opened: 'blue',
  dispatched: 'blue',
  assigned: 'blue',
  note: 'gray',
  paused: 'gray',
  resumed: 'green',
  warning: 'orange',
  breached: 'red',
  escalated: 'red',
  closed: 'green',
  reopened: 'orange',
  revisit: 'purple',
  updated: 'gray',
};
