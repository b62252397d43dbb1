import { describe, expect, it } from 'vitest';
import { careTaskReasons, withBreachReason } from './care-task';

const ticket = { id: 42, ticketNo: 'T000042', category: 'network_signal' };
const dueAt = new Date('2026-05-06T02:00:00Z');

describe('care task reasons', () => {
  it('names the ticket the care call is about', () => {
    expect(careTaskReasons(ticket)).toEqual([
      { code: 'open_ticket', params: { ticketId: 42, ticketNo: 'T000042', category: 'network_signal' } },
    ]);
  });

  it('adds the breach once', () => {
    const once = withBreachReason(careTaskReasons(ticket), ticket, dueAt);
    expect(once.map((r) => r.code)).toEqual(['open_ticket', 'ticket_breached']);
    expect(once[1]?.params).toEqual({ ticketId: 42, ticketNo: 'T000042', dueAt: '2026-05-06T02:00:00.000Z' });
    expect(withBreachReason(once, ticket, dueAt)).toEqual(once);
  });
});
