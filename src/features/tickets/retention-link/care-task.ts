import type { TaskReason } from '#src/features/queue/queue.schemas';

/**
 * The care task a VIP's open ticket gives their phone manager: call and look after them while the
 * complaint is being worked (a care call sells nothing). Ahead of planned calls, behind promised
 * callbacks (CALLBACK_PRIORITY 1e9); a breach pushes it further up.
 */
export const CARE_TASK_PRIORITY = 500_000_000;
export const BREACHED_CARE_TASK_PRIORITY = 900_000_000;

export type TicketRef = { id: number; ticketNo: string; category: string };

export function careTaskReasons(ticket: TicketRef): TaskReason[] {
  return [
    {
      code: 'open_ticket',
      params: { ticketId: ticket.id, ticketNo: ticket.ticketNo, category: ticket.category },
    },
  ];
}

/** The breach added to a care task's reasons once (a task may outlive one breach sweep). */
export function withBreachReason(
  reasons: readonly TaskReason[],
  ticket: TicketRef,
  dueAt: Date,
): TaskReason[] {
  const breached = reasons.some(
    (reason) => reason.code === 'ticket_breached' && reason.params.ticketId === ticket.id,
  );
  if (breached) return [...reasons];
  return [
    ...reasons,
    {
      code: 'ticket_breached',
      params: { ticketId: ticket.id, ticketNo: ticket.ticketNo, dueAt: dueAt.toISOString() },
    },
  ];
}
