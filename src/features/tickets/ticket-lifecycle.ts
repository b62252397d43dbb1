import type { Database } from '#src/db/client';
import type { Actor } from '#src/features/auth/actor';

/** What the lifecycle hooks need to know about a ticket (a row of `tickets`, in camelCase). */
export type TicketFacts = {
  id: number;
  subscriberId: number;
  category: string;
  vipLevel: string;
  status: string;
  slaState: string;
  dueAt: Date;
  openedAt: Date;
  closedAt: Date | null;
};

/**
 * The one place where a ticket's life reaches the retention side (issue 6 §5, §7). The ticket
 * service calls these inside the same transaction as the change, so a ticket never exists without
 * its care task, and a resolved ticket never leaves sales offers suppressed.
 * Implemented in ticket-lifecycle-hooks.ts from retention-link/ and revisits/; the ticket service
 * only calls them.
 */
export type TicketLifecycle = {
  /** A ticket was opened (or reopened): raise OPEN_COMPLAINT, give the owner a care task. */
  opened(tx: Database, actor: Actor | null, ticket: TicketFacts, now: Date): Promise<void>;
  /** The SLA sweep found the ticket breached (once per breach). */
  breached(tx: Database, ticket: TicketFacts, now: Date): Promise<void>;
  /** A ticket was closed (resolved): schedule the satisfaction revisit (call for VIPs, SMS for others). */
  closed(tx: Database, actor: Actor | null, ticket: TicketFacts, now: Date): Promise<void>;
  /** A closed ticket was reopened (by hand or by an unhappy revisit). */
  reopened(tx: Database, actor: Actor | null, ticket: TicketFacts, now: Date): Promise<void>;
};
