import type { TicketLifecycle } from './ticket-lifecycle';

// PLACEHOLDER while issue 6 is being built: the retention link and revisits replace these bodies.
export const ticketLifecycle: TicketLifecycle = {
  async opened() {},
  async breached() {},
  async closed() {},
  async reopened() {},
};
