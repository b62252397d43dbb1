/**
 * OPEN_COMPLAINT raised on the current score the moment a VIP's ticket opens or breaches, instead of
 * waiting for the next scoring run: the agent's 360, the workbench and the call briefing show it
 * right away. The signal is stored exactly as the scoring rule stores it ({code, params} with
 * overdue and complaints90, see churn-signals.ts openComplaint), plus the ticket it came from, so
 * evidence-text.ts renders it like any other.
 */

export type StoredSignal = { code: string; params: Record<string, string | number> };

/** What the ticket side knows when it raises the signal. */
export type OpenComplaintFacts = {
  /** Tickets past their SLA and imported complaints past due, still open. */
  overdue: number;
  /** Tickets and imported complaints opened in the last 90 days. */
  complaints90: number;
  ticketId: number;
  ticketNo: string;
};

const CODE = 'OPEN_COMPLAINT';

/**
 * The score's signal codes and signals with OPEN_COMPLAINT raised, or null when nothing changes. A
 * signal already there (from the scoring run or an earlier ticket) keeps its place: its counts only
 * grow to what is known now, and it names a ticket only if it named none.
 */
export function withOpenComplaint(
  signalCodes: readonly string[],
  storedSignals: unknown,
  facts: OpenComplaintFacts,
): { signalCodes: string[]; signals: StoredSignal[] } | null {
  const signals = signalsOf(storedSignals);
  const codes = signalCodes.includes(CODE) ? [...signalCodes] : [...signalCodes, CODE];
  const index = signals.findIndex((signal) => signal.code === CODE);
  const existing = signals[index];
  if (!existing) {
    signals.push({
      code: CODE,
      params: {
        overdue: facts.overdue,
        complaints90: facts.complaints90,
        ticketId: facts.ticketId,
        ticketNo: facts.ticketNo,
        // Raised by a ticket rather than by the scoring run: closing the last open ticket lowers it.
        raisedBy: 'ticket',
      },
    });
    return { signalCodes: codes, signals };
  }
  const params = { ...existing.params };
  params.overdue = Math.max(numberOf(params.overdue), facts.overdue);
  params.complaints90 = Math.max(numberOf(params.complaints90), facts.complaints90);
  if (params.ticketId === undefined) {
    params.ticketId = facts.ticketId;
    params.ticketNo = facts.ticketNo;
  }
  const unchanged =
    codes.length === signalCodes.length &&
    Object.keys(params).length === Object.keys(existing.params).length &&
    Object.entries(params).every(([key, value]) => existing.params[key] === value);
  if (unchanged) return null;
  signals[index] = { code: CODE, params };
  return { signalCodes: codes, signals };
}

/**
 * The score's signals once ticket `closedTicketId` is closed, or null when nothing changes. A signal
 * naming that ticket must not keep saying it is being worked: it names the next open ticket if there
 * is one; otherwise a signal the ticket raised goes away, and one the scoring run found (complaints
 * in the last 90 days) stays without a ticket. The next scoring run recomputes it either way.
 */
export function withClosedTicket(
  signalCodes: readonly string[],
  storedSignals: unknown,
  closedTicketId: number,
  nextOpen: { ticketId: number; ticketNo: string } | null,
): { signalCodes: string[]; signals: StoredSignal[] } | null {
  const signals = signalsOf(storedSignals);
  const index = signals.findIndex((signal) => signal.code === CODE);
  const existing = signals[index];
  if (!existing || numberOf(existing.params.ticketId) !== closedTicketId) return null;
  const params = { ...existing.params };
  if (nextOpen) {
    params.ticketId = nextOpen.ticketId;
    params.ticketNo = nextOpen.ticketNo;
    signals[index] = { code: CODE, params };
    return { signalCodes: [...signalCodes], signals };
  }
  if (params.raisedBy === 'ticket') {
    signals.splice(index, 1);
    return { signalCodes: signalCodes.filter((code) => code !== CODE), signals };
  }
  delete params.ticketId;
  delete params.ticketNo;
  signals[index] = { code: CODE, params };
  return { signalCodes: [...signalCodes], signals };
}

/** subscriber_scores.signals as stored; anything that is not a {code, params} pair is kept out. */
function signalsOf(value: unknown): StoredSignal[] {
  if (!Array.isArray(value)) return [];
  const signals: StoredSignal[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const code: unknown = Reflect.get(item, 'code');
    const raw: unknown = Reflect.get(item, 'params');
    if (typeof code !== 'string') continue;
    const params: Record<string, string | number> = {};
    if (typeof raw === 'object' && raw !== null) {
      for (const [key, v] of Object.entries(raw)) {
        if (typeof v === 'string' || typeof v === 'number') params[key] = v;
      }
    }
    signals.push({ code, params });
  }
  return signals;
}

function numberOf(value: string | number | undefined): number {
  const n = typeof value === 'number' ? value : Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}
