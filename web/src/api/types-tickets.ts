// Mirrors the service & complaints API (issue 6): src/features/tickets/tickets.routes.ts (tickets, service
// groups), src/features/contacts/contacts.routes.ts (classify, log a contact) and
// src/features/tickets/revisits/revisits.routes.ts (revisit answers). Dates arrive as ISO strings.
import type { VipLevel } from './types';

export const TICKET_STATUSES = ['open', 'waiting_customer', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** The list filter also takes `active` (open + waiting on the customer). */
export type TicketStatusFilter = TicketStatus | 'active';

export const SLA_STATES = ['on_track', 'warning', 'breached', 'paused', 'met', 'missed'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export type EscalationLevel = 'none' | 'group_lead' | 'manager';

export type TicketSummary = {
  id: number;
  ticketNo: string;
  subscriberId: number;
  /** Masked (王*). */
  subscriberName: string;
  msisdnMasked: string;
  vipLevel: VipLevel;
  category: string;
  title: string;
  status: TicketStatus;
  groupId: number | null;
  groupName: string | null;
  assigneeUserId: number | null;
  assigneeName: string | null;
  openedAt: string;
  dueAt: string;
  slaState: SlaState;
  escalationLevel: EscalationLevel;
  /** Clock minutes (business or calendar, per the SLA terms) at the time of the request. */
  remainingMinutes: number;
  overdueMinutes: number;
  version: number;
};

export type TicketList = { items: TicketSummary[]; total: number };

export type TicketListQuery = {
  status?: TicketStatusFilter;
  category?: string;
  groupId?: number;
  assignee?: 'me' | number;
  slaState?: SlaState;
  subscriberId?: number;
  page?: number;
  pageSize?: number;
};

export type LocalName = { 'zh-CN': string; en: string };
export type TicketCategoryNode = {
  code: string;
  name: LocalName;
  children?: { code: string; name: LocalName }[];
};

export const CONTACT_CHANNELS = ['phone', 'sms', 'app', 'hall', 'web'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number];
export const CONTACT_TYPES = [
  'consultation',
  'suggestion',
  'dissatisfaction',
  'complaint',
  'business',
  'harassment',
] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];
export const COMPLAINT_PSYCHOLOGIES = ['venting', 'respect_seeking', 'compensation_seeking'] as const;
export type ComplaintPsychology = (typeof COMPLAINT_PSYCHOLOGIES)[number];

/** The four-part analysis of a complaint (emotion / fact / opinion / claim) and its psychology. */
export type ComplaintAnalysis = {
  emotion: string | null;
  fact: string | null;
  opinion: string | null;
  claim: string | null;
  complaintPsychology: string | null;
};

export type TicketContact = ComplaintAnalysis & {
  channel: string;
  direction: string;
  type: string;
};

export type TicketEvent = {
  id: number;
  at: string;
  /** opened, dispatched, assigned, note, paused, resumed, warning, breached, escalated, closed, reopened, revisit … */
  kind: string;
  actorName: string | null;
  details: Record<string, unknown> | null;
};

export type TicketRevisit = {
  id: number;
  channel: 'call' | 'sms';
  status: 'pending' | 'answered' | 'unanswered' | 'cancelled';
  score: number | null;
  comment: string | null;
  createdAt: string;
  answeredAt: string | null;
};

export type TicketSla = {
  state: SlaState;
  clock: 'business' | 'calendar';
  limitMinutes: number;
  dueAt: string;
  warningAt: string;
  elapsedMinutes: number;
  remainingMinutes: number;
  overdueMinutes: number;
  escalationLevel: EscalationLevel;
  escalations: { groupLead: string; manager: string };
  pauses: { pausedAt: string; resumedAt: string | null }[];
};

export type TicketDetail = TicketSummary & {
  description: string | null;
  source: 'contact' | 'call' | 'import' | 'revisit' | 'hot_spot';
  contactId: number | null;
  contact: TicketContact | null;
  sla: TicketSla;
  resolution: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  events: TicketEvent[];
  revisits: TicketRevisit[];
};

export type ServiceGroupMember = { userId: number; name: string; capacity: number; openTickets: number };
export type ServiceGroup = {
  id: number;
  name: string;
  leadUserId: number | null;
  leadName: string | null;
  managerUserId: number | null;
  managerName: string | null;
  members: ServiceGroupMember[];
};

export type AssignBody = { groupId?: number; assigneeUserId?: number | null };

// Contacts.

export type KeywordMatch = { type: string; phrase: string; weight: number; index?: number };

/** The classifier's suggestion for a note: the winning type, the phrases that scored, a psychology tag. */
export type ContactClassification = {
  type: ContactType;
  confidence: number | null;
  fallback: boolean;
  matched: KeywordMatch[];
  psychology: { tag: ComplaintPsychology; matched: KeywordMatch[] } | null;
  rulesVersion: number | null;
};

export type NewTicketRequest = { category: string; title: string };

export type LogContactBody = {
  channel: ContactChannel;
  direction: ContactDirection;
  type: ContactType;
  note: string;
  suggestedType?: ContactType;
  emotion?: string;
  fact?: string;
  opinion?: string;
  claim?: string;
  complaintPsychology?: ComplaintPsychology;
  callTaskId?: number;
  ticket?: NewTicketRequest;
};

/** The ticket a contact (or a call outcome) opened, as the form shows it. */
export type OpenedTicket = {
  id: number;
  ticketNo: string;
  groupName: string | null;
  dueAt: string | null;
  slaState: SlaState | null;
};

export type LoggedContact = ComplaintAnalysis & {
  id: number;
  occurredAt: string;
  channel: string;
  direction: string;
  type: string;
  suggestedType: string | null;
  agentName: string | null;
  /** The agent's note, numbers masked. */
  note: string | null;
  callTaskId: number | null;
  ticket: { id: number; ticketNo: string; status: string | null } | null;
};

export type LogContactResult = { contact: LoggedContact; ticket: OpenedTicket | null };

// Revisits.

export type RevisitAnswerBody = { score: number; comment?: string };
/** The revisit after the answer (its call task is done); `reopened` when the score sent the ticket back. */
export type RevisitAnswerResult = {
  id: number;
  ticketId: number;
  ticketNo: string;
  ticketStatus: string;
  status: TicketRevisit['status'];
  score: number | null;
  comment: string | null;
  reopened: boolean;
};
