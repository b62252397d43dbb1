import type { GroupPlaceholder, RoutingRule, RoutingTable } from './routing-table';
import { findCategory, type TicketCategoryCode } from './ticket-categories';

export interface TicketToRoute {
  readonly category: TicketCategoryCode;
  readonly city?: string | null | undefined;
  readonly district?: string | null | undefined;
}

export interface RouteDecision {
  readonly group: string;
  /** The rule that decided, for transparency; null when the default group was used. */
  readonly rule: RoutingRule | null;
  /** Position of that rule in the table, so an analyst can find it; null for the default. */
  readonly ruleIndex: number | null;
}

/**
 * Category specificity outranks region: child+district > child+city > child > top+district > top+city > top.
 * Scored as category level × 3 + region level.
 */
function specificityOf(rule: RoutingRule, ticket: TicketToRoute): number | null {
  const ticketCategory = findCategory(ticket.category);
  if (!ticketCategory) return null;
  let categoryLevel: number;
  if (rule.category === ticket.category && ticketCategory.parent !== null) categoryLevel = 2;
  else if (rule.category === ticketCategory.topLevel) categoryLevel = 1;
  else return null;

  let regionLevel = 0;
  if (rule.city !== undefined) {
    if (rule.city !== ticket.city) return null;
    regionLevel = 1;
  }
  if (rule.district !== undefined) {
    if (rule.district !== ticket.district) return null;
    regionLevel = 2;
  }
  return categoryLevel * 3 + regionLevel;
}

/** Fills `{city}` / `{district}`; null when the ticket lacks a value the group needs. */
function groupFor(rule: RoutingRule, ticket: TicketToRoute): string | null {
  let missing = false;
  const group = rule.group.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    const value = regionValue(ticket, name);
    if (!value) missing = true;
    return value ?? '';
  });
  return missing ? null : group;
}

function regionValue(ticket: TicketToRoute, name: string): string | null {
  const placeholder: GroupPlaceholder | null = name === 'city' || name === 'district' ? name : null;
  if (placeholder === null) return null;
  return ticket[placeholder] ?? null;
}

/**
 * The most specific matching rule wins (validation forbids two rules with the same key, so there are no
 * ties). A rule whose group needs a city or district the ticket lacks is passed over for the next one.
 */
export function routeTicket(ticket: TicketToRoute, table: RoutingTable): RouteDecision {
  let best: { specificity: number; index: number; group: string; rule: RoutingRule } | null = null;
  for (const [index, rule] of table.rules.entries()) {
    const specificity = specificityOf(rule, ticket);
    if (specificity === null) continue;
    if (best !== null && best.specificity >= specificity) continue;
    const group = groupFor(rule, ticket);
    if (group === null) continue;
    best = { specificity, index, group, rule };
  }
  if (best === null) return { group: table.defaultGroup, rule: null, ruleIndex: null };
  return { group: best.group, rule: best.rule, ruleIndex: best.index };
}

export interface GroupMember {
  readonly userId: number;
  readonly openTickets: number;
  readonly active: boolean;
  readonly onShift: boolean;
  /** Open tickets this member can carry; falls back to `AssignOptions.defaultCapacity`. */
  readonly capacity?: number;
}

export interface AssignOptions {
  /** Capacity of a member who has none of their own. Default 10. */
  readonly defaultCapacity?: number;
}

export const DEFAULT_MEMBER_CAPACITY = 10;

interface Candidate {
  readonly member: GroupMember;
  readonly capacity: number;
}

/** Load is openTickets / capacity, compared by cross-multiplying so no rounding decides a tie. */
function compareCandidates(a: Candidate, b: Candidate): number {
  const byLoad = a.member.openTickets * b.capacity - b.member.openTickets * a.capacity;
  if (byLoad !== 0) return byLoad;
  const byOpenTickets = a.member.openTickets - b.member.openTickets;
  if (byOpenTickets !== 0) return byOpenTickets;
  return a.member.userId - b.member.userId;
}

/**
 * Picks who in the group takes the ticket: the available member with the least load (open tickets over
 * capacity). Ties go to fewer open tickets, then the lowest userId, so the choice is deterministic.
 * Inactive, off-shift and full members (openTickets ≥ capacity) are skipped. Null when nobody is
 * available: the ticket waits in the group queue.
 */
export function assignWithinGroup(
  members: readonly GroupMember[],
  options: AssignOptions = {},
): GroupMember | null {
  const defaultCapacity = options.defaultCapacity ?? DEFAULT_MEMBER_CAPACITY;
  let best: Candidate | null = null;
  for (const member of members) {
    if (!member.active || !member.onShift) continue;
    const capacity = member.capacity ?? defaultCapacity;
    if (capacity <= 0 || member.openTickets >= capacity) continue;
    const candidate = { member, capacity };
    if (best === null || compareCandidates(candidate, best) < 0) best = candidate;
  }
  return best?.member ?? null;
}
