// The crash proof's client-side journal: every write the agents sent, with the Idempotency-Key it
// carried and what the client saw. A write is acknowledged once the client has a 2xx answer with
// the ids of what was written; those ids are what the checks look for in PostgreSQL afterwards.
// A write without an answer (connection reset by a kill, a 5xx while PostgreSQL was down) is
// pending: it is sent again with the same key and body after recovery.

export type WriteKind = 'outcome' | 'contact' | 'ticket';

/** What an acknowledged write returned: the ids it claims were written. */
export type Ack = {
  /** contact_attempts.id (outcome), service_contacts.id (contact), tickets.id (ticket). */
  id: number;
  /** The task an outcome was recorded on. */
  taskId: number | null;
  /** The callback task a call_back outcome promised. */
  callbackTaskId: number | null;
  /** The ticket a complaint outcome or a contact opened. */
  ticketId: number | null;
};

/**
 * pending: no answer yet (to be sent again). acked: a 2xx with ids. conflict: an outcome answered
 * 409 "already recorded" when sent again — its first attempt may have committed without the client
 * hearing. refused: any other 4xx (a claim gone, say): the write did not happen by the server's word.
 */
export type EntryState = 'pending' | 'acked' | 'conflict' | 'refused';

export type JournalEntry = {
  key: string;
  kind: WriteKind;
  /** Index of the agent that sent it (its session sends it again). */
  agent: number;
  path: string;
  body: Record<string, unknown>;
  state: EntryState;
  ack: Ack | null;
  /** How many times it was sent. */
  sends: number;
  /** Acknowledged (or answered 409) only when sent again after an outage. */
  resolvedByReplay: boolean;
  /** The last answer: an HTTP status, or 0 for no answer at all. */
  lastStatus: number;
  /** Being sent right now: the replayer leaves it to the sender in hand. */
  inFlight: boolean;
  /**
   * Its 2xx was the server's stored answer (Idempotent-Replayed: true): an earlier send had
   * committed without the client hearing, and the key kept it from happening twice.
   */
  answeredFromStore: boolean;
};

/** The marker every proof write carries in its free text, so PostgreSQL rows can be counted by key. */
export function markerOf(key: string): string {
  return `[[${key}]]`;
}

/** The SQL pattern that pulls a key back out of a column holding a marker. */
export const MARKER_SQL_PATTERN = '\\[\\[(cp-[a-z0-9-]+)\\]\\]';

export class Journal {
  readonly entries: JournalEntry[] = [];
  private sequence = 0;

  constructor(private readonly runTag: string) {}

  /** A key unique to this run: letters and short digit runs only (long ones would be masked as numbers). */
  nextKey(agent: number): string {
    this.sequence += 1;
    return `cp-${this.runTag}-a${agent.toString(36)}-${this.sequence.toString(36)}`;
  }

  add(
    entry: Omit<
      JournalEntry,
      'state' | 'ack' | 'sends' | 'resolvedByReplay' | 'lastStatus' | 'inFlight' | 'answeredFromStore'
    >,
  ): JournalEntry {
    const full: JournalEntry = {
      ...entry,
      state: 'pending',
      ack: null,
      sends: 0,
      resolvedByReplay: false,
      lastStatus: 0,
      inFlight: false,
      answeredFromStore: false,
    };
    this.entries.push(full);
    return full;
  }

  withState(state: EntryState): JournalEntry[] {
    return this.entries.filter((e) => e.state === state);
  }
}

/** The ids in a 2xx answer, by write kind; null when the answer does not name what was written. */
export function ackOf(kind: WriteKind, json: unknown): Ack | null {
  if (typeof json !== 'object' || json === null) return null;
  const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  const idOf = (value: unknown): number | null =>
    typeof value === 'object' && value !== null ? num(Reflect.get(value, 'id')) : null;
  switch (kind) {
    case 'outcome': {
      const id = num(Reflect.get(json, 'contactAttemptId'));
      const taskId = idOf(Reflect.get(json, 'task'));
      if (id === null || taskId === null) return null;
      return {
        id,
        taskId,
        callbackTaskId: num(Reflect.get(json, 'callbackTaskId')),
        ticketId: idOf(Reflect.get(json, 'ticket')),
      };
    }
    case 'contact': {
      const id = idOf(Reflect.get(json, 'contact'));
      if (id === null) return null;
      return { id, taskId: null, callbackTaskId: null, ticketId: idOf(Reflect.get(json, 'ticket')) };
    }
    case 'ticket': {
      const id = num(Reflect.get(json, 'id'));
      if (id === null) return null;
      return { id, taskId: null, callbackTaskId: null, ticketId: id };
    }
  }
}
