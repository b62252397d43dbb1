import { describe, expect, it } from 'vitest';
import { withClosedTicket, withOpenComplaint } from './open-complaint-signal';

const facts = { overdue: 0, complaints90: 1, ticketId: 42, ticketNo: 'T000042' };
const hotline = { code: 'COMPETITOR_HOTLINE', params: { calls: 2, lastDate: '2026-10-25' } };

describe('withOpenComplaint', () => {
  it('adds the signal after the ones already there, shaped like the scoring rule writes it', () => {
    expect(withOpenComplaint(['COMPETITOR_HOTLINE'], [hotline], facts)).toEqual({
      signalCodes: ['COMPETITOR_HOTLINE', 'OPEN_COMPLAINT'],
      signals: [hotline, { code: 'OPEN_COMPLAINT', params: { ...facts, raisedBy: 'ticket' } }],
    });
  });

  it('changes nothing when the signal already says as much', () => {
    const stored = [
      { code: 'OPEN_COMPLAINT', params: { overdue: 1, complaints90: 3, ticketId: 7, ticketNo: 'T000007' } },
    ];
    expect(withOpenComplaint(['OPEN_COMPLAINT'], stored, facts)).toBeNull();
  });

  it('grows the counts of a scored signal and names the ticket it lacked, keeping its evidence', () => {
    const scored = [
      { code: 'OPEN_COMPLAINT', params: { overdue: 0, complaints90: 2, oldestDueDate: '2026-09-13' } },
    ];
    expect(withOpenComplaint(['OPEN_COMPLAINT'], scored, { ...facts, overdue: 1 })).toEqual({
      signalCodes: ['OPEN_COMPLAINT'],
      signals: [
        {
          code: 'OPEN_COMPLAINT',
          params: {
            overdue: 1,
            complaints90: 2,
            oldestDueDate: '2026-09-13',
            ticketId: 42,
            ticketNo: 'T000042',
          },
        },
      ],
    });
  });

  it('repairs a code without its signal, and drops stored junk rather than failing', () => {
    expect(withOpenComplaint(['OPEN_COMPLAINT'], [null, 'x', { params: {} }], facts)).toEqual({
      signalCodes: ['OPEN_COMPLAINT'],
      signals: [{ code: 'OPEN_COMPLAINT', params: { ...facts, raisedBy: 'ticket' } }],
    });
  });
});

describe('withClosedTicket', () => {
  const raised = withOpenComplaint(['COMPETITOR_HOTLINE'], [hotline], facts);

  it('lowers a signal the closed ticket raised when no other ticket is open', () => {
    expect(withClosedTicket(raised?.signalCodes ?? [], raised?.signals, 42, null)).toEqual({
      signalCodes: ['COMPETITOR_HOTLINE'],
      signals: [hotline],
    });
  });

  it('points the signal at the next open ticket instead', () => {
    const next = { ticketId: 50, ticketNo: 'T000050' };
    expect(withClosedTicket(raised?.signalCodes ?? [], raised?.signals, 42, next)?.signals[1]).toEqual({
      code: 'OPEN_COMPLAINT',
      params: { ...facts, raisedBy: 'ticket', ...next },
    });
  });

  it("keeps the scoring run's signal but stops it naming the closed ticket", () => {
    const scored = [
      { code: 'OPEN_COMPLAINT', params: { overdue: 0, complaints90: 3, ticketId: 42, ticketNo: 'T000042' } },
    ];
    expect(withClosedTicket(['OPEN_COMPLAINT'], scored, 42, null)).toEqual({
      signalCodes: ['OPEN_COMPLAINT'],
      signals: [{ code: 'OPEN_COMPLAINT', params: { overdue: 0, complaints90: 3 } }],
    });
  });

  it('leaves a signal about another ticket alone', () => {
    expect(withClosedTicket(raised?.signalCodes ?? [], raised?.signals, 7, null)).toBeNull();
  });
});
