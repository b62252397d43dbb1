import type { Database } from '#src/db/client';
import { ticketNo } from '../ticket-number';
import { findOldestActiveTicket } from './retention-link.repository';

export type OfferSuppression = { ticketId: number; ticketNo: string };

/**
 * Sales offers wait while the subscriber has a ticket being worked (open or waiting on them):
 * selling to someone whose complaint is unresolved costs trust, and the care comes first
 * (issue 6 §7). Computed live from the tickets, never stored, so closing the ticket lifts it at once.
 */
export async function findOfferSuppression(
  db: Database,
  subscriberId: number,
): Promise<OfferSuppression | null> {
  const ticket = await findOldestActiveTicket(db, subscriberId);
  return ticket ? { ticketId: ticket.id, ticketNo: ticketNo(ticket.id) } : null;
}
