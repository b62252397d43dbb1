import { api, isApiError, request } from './client';
import { postOnce } from './idempotent';
import type {
  AssignBody,
  ContactClassification,
  KeywordMatch,
  LogContactBody,
  LogContactResult,
  LoggedContact,
  RevisitAnswerBody,
  RevisitAnswerResult,
  ServiceGroup,
  TicketCategoryNode,
  TicketDetail,
  TicketEvent,
  TicketList,
  TicketListQuery,
} from './types-tickets';

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (query: TicketListQuery) => ['tickets', 'list', query] as const,
  detail: (id: number) => ['tickets', 'detail', id] as const,
  categories: ['tickets', 'categories'] as const,
  groups: ['tickets', 'service-groups'] as const,
  contacts: (subscriberId: number) => ['subscribers', 'contacts', subscriberId] as const,
};

// Tickets (tickets.read to read; a ticket outside the user's scope answers 404).

export function fetchTickets(query: TicketListQuery): Promise<TicketList> {
  return api.get<TicketList>('/api/tickets', query);
}

export function fetchTicket(id: number): Promise<TicketDetail> {
  return api.get<TicketDetail>(`/api/tickets/${id}`);
}

export async function fetchTicketCategories(): Promise<TicketCategoryNode[]> {
  const body = await api.get<TicketCategoryNode[] | { items: TicketCategoryNode[] }>(
    '/api/tickets/categories',
  );
  return Array.isArray(body) ? body : body.items;
}

export async function fetchServiceGroups(): Promise<ServiceGroup[]> {
  const body = await api.get<ServiceGroup[] | { items: ServiceGroup[] }>('/api/service-groups');
  return Array.isArray(body) ? body : body.items;
}

/**
 * A versioned write: the version of the ticket the user is looking at travels as `If-Match`, so a change
 * made meanwhile by someone else answers 412 instead of being overwritten.
 */
function versioned<T>(method: string, path: string, version: number, body?: unknown): Promise<T> {
  return request<T>(method, path, { body: body ?? {}, headers: { 'if-match': `"${version}"` } });
}

export function assignTicket(id: number, version: number, body: AssignBody): Promise<TicketDetail> {
  return versioned('POST', `/api/tickets/${id}/assign`, version, body);
}

export function pauseTicket(id: number, version: number, reason: string): Promise<TicketDetail> {
  return versioned('POST', `/api/tickets/${id}/pause`, version, { reason });
}

export function resumeTicket(id: number, version: number): Promise<TicketDetail> {
  return versioned('POST', `/api/tickets/${id}/resume`, version);
}

export function closeTicket(id: number, version: number, resolution: string): Promise<TicketDetail> {
  return versioned('POST', `/api/tickets/${id}/close`, version, { resolution });
}

export function reopenTicket(id: number, version: number, reason: string): Promise<TicketDetail> {
  return versioned('POST', `/api/tickets/${id}/reopen`, version, { reason });
}

/** Notes are append-only: no version needed. */
export function addTicketNote(id: number, text: string): Promise<TicketEvent> {
  return api.post<TicketEvent>(`/api/tickets/${id}/notes`, { text });
}

/** The other user's change won: 412 (stale If-Match) or 409 (stale version in the body). */
export function isStaleWrite(error: unknown): boolean {
  return isApiError(error, 'PRECONDITION_FAILED') || isApiError(error, 'CONFLICT');
}

// Contacts (contacts.log).

type RawMatch = Partial<KeywordMatch> & { phrase?: string };
type RawClassification = {
  type?: string;
  confidence?: number;
  fallback?: boolean;
  matched?: RawMatch[];
  psychology?: { tag?: string; matched?: RawMatch[] } | null;
  rulesVersion?: number;
  version?: number;
};

function matchesOf(raw: RawMatch[] | undefined): KeywordMatch[] {
  return (raw ?? [])
    .filter((m): m is RawMatch & { phrase: string } => typeof m.phrase === 'string' && m.phrase !== '')
    .map((m) => ({
      type: m.type ?? '',
      phrase: m.phrase,
      weight: m.weight ?? 0,
      ...(m.index !== undefined ? { index: m.index } : {}),
    }));
}

/** The suggestion for a note; the server may wrap it (`classification` / `suggestion`) next to the rules version. */
export async function classifyContact(note: string): Promise<ContactClassification> {
  const body = await api.post<
    RawClassification & { classification?: RawClassification; suggestion?: RawClassification }
  >('/api/contacts/classify', { note });
  const inner = body.classification ?? body.suggestion ?? body;
  const psychology = inner.psychology?.tag
    ? { tag: inner.psychology.tag, matched: matchesOf(inner.psychology.matched) }
    : null;
  return {
    type: (inner.type ?? 'consultation') as ContactClassification['type'],
    confidence: inner.confidence ?? null,
    fallback: inner.fallback ?? false,
    matched: matchesOf(inner.matched),
    psychology: psychology as ContactClassification['psychology'],
    rulesVersion: body.rulesVersion ?? inner.rulesVersion ?? body.version ?? null,
  };
}

/**
 * 201 with the contact and the ticket it opened (or null); 400 names the field at fault. Sent with
 * an Idempotency-Key, retried with it when no answer came: one contact per click.
 */
export function logContact(subscriberId: number, body: LogContactBody): Promise<LogContactResult> {
  return postOnce<LogContactResult>(`/api/subscribers/${subscriberId}/contacts`, body);
}

export async function fetchSubscriberContacts(subscriberId: number): Promise<LoggedContact[]> {
  const body = await api.get<LoggedContact[] | { items: LoggedContact[] }>(
    `/api/subscribers/${subscriberId}/contacts`,
  );
  return Array.isArray(body) ? body : body.items;
}

// Revisits (tickets.work).

export function answerRevisit(id: number, body: RevisitAnswerBody): Promise<RevisitAnswerResult> {
  return api.post<RevisitAnswerResult>(`/api/revisits/${id}/answer`, body);
}
