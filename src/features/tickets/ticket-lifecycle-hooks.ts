import { linkActiveTicket, unlinkClosedTicket } from './retention-link/retention-link.service';
import { scheduleRevisit, withdrawPendingRevisits } from './revisits/schedule-revisit';
import type { TicketLifecycle } from './ticket-lifecycle';

/**
 * Where a ticket's life reaches the retention side (issue 6 §5, §7), called by the ticket service
 * inside the transaction of the change. Whether sales offers are suppressed is not kept anywhere:
 * it is read live from the tickets (retention-link/offer-suppression.ts).
 */
export const ticketLifecycle: TicketLifecycle = {
  async opened(tx, _actor, ticket, now) {
    await linkActiveTicket(tx, ticket, now, { breached: false });
  },
  async breached(tx, ticket, now) {
    await linkActiveTicket(tx, ticket, now, { breached: true });
  },
  async closed(tx, _actor, ticket, now) {
    await unlinkClosedTicket(tx, ticket);
    await scheduleRevisit(tx, ticket, now);
  },
  async reopened(tx, _actor, ticket, now) {
    await withdrawPendingRevisits(tx, ticket);
    await linkActiveTicket(tx, ticket, now, { breached: ticket.slaState === 'breached' });
  },
};
