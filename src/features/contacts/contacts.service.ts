import type { Database } from '#src/db/client';
import type { CONTACT_CHANNELS, CONTACT_DIRECTIONS } from '#src/db/schema/enums';
import { auditActor } from '#src/features/audit/audit.service';
import type { Actor } from '#src/features/auth/actor';
import type { ComplaintPsychology, ContactType } from '#src/features/contacts/classifier/classifier-rules';
import { classifyContact } from '#src/features/contacts/classifier/classify-contact';
import { requireSubscriberInScope } from '#src/features/subscribers/subscriber-access';
import { openTicket, ticketNo } from '#src/features/tickets/tickets.service';
import { AppError, notFound } from '#src/lib/app-error';
import { redactPersonalData } from '#src/lib/redact';
import { currentClassifierRules } from './classifier-settings';
import {
  findContactsBySubscriberId,
  insertServiceContact,
  isCallTaskWorkedBy,
  type StoredContact,
  setContactTicket,
} from './contacts.repository';
import type {
  ClassificationView,
  ContactView,
  LogContactBody,
  LoggedContact,
  OpenedTicket,
} from './contacts.schemas';

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', 'The request is invalid', { issues: [{ path, message }] });
}

const maskOrNull = (text: string | null | undefined): string | null =>
  text == null ? null : redactPersonalData(text);

/**
 * The type the note suggests, by the rules in force (read on every call, so an analyst's edit applies
 * to the next note). The note is masked first: the answer echoes it, and masking keeps its length, so
 * match positions still point into it.
 */
export async function classifyNote(db: Database, note: string): Promise<ClassificationView> {
  const rules = await currentClassifierRules(db);
  return { rulesVersion: rules.version, ...classifyContact(redactPersonalData(note), rules.document) };
}

export type ComplaintAnalysis = {
  emotion?: string | undefined;
  fact?: string | undefined;
  opinion?: string | undefined;
  claim?: string | undefined;
  complaintPsychology?: ComplaintPsychology | undefined;
};

/** One contact to record, already validated by the caller's schema (a complaint's fact and claim). */
export type ContactToRecord = {
  subscriberId: number;
  channel: (typeof CONTACT_CHANNELS)[number];
  direction: (typeof CONTACT_DIRECTIONS)[number];
  /** The type the agent confirmed. */
  type: ContactType;
  note: string;
  analysis: ComplaintAnalysis;
  callTaskId: number | null;
  /** Open a ticket from the contact; `fieldPrefix` names where the request carried it (error paths). */
  ticket: { category: string; title: string; source: 'contact' | 'call'; fieldPrefix: string } | null;
};

/**
 * Records a contact inside the caller's transaction: the note masked, the classifier's own suggestion
 * beside the agent's type (never the client's), the four-part analysis, and — when asked — the ticket
 * it raises, opened in the same transaction so a contact never claims a ticket that was not written
 * and a refused ticket leaves no contact behind.
 */
export async function recordContact(
  tx: Database,
  actor: Actor,
  input: ContactToRecord,
  now: Date,
): Promise<{ contactId: number; ticket: OpenedTicket | null }> {
  const rules = await currentClassifierRules(tx);
  const note = redactPersonalData(input.note);
  const suggestedType = classifyContact(note, rules.document).type;
  const contactId = await insertServiceContact(tx, {
    subscriberId: input.subscriberId,
    occurredAt: now,
    channel: input.channel,
    direction: input.direction,
    type: input.type,
    agentUserId: actor.userId,
    summary: note,
    suggestedType,
    emotion: maskOrNull(input.analysis.emotion),
    fact: maskOrNull(input.analysis.fact),
    opinion: maskOrNull(input.analysis.opinion),
    claim: maskOrNull(input.analysis.claim),
    complaintPsychology: input.analysis.complaintPsychology ?? null,
    callTaskId: input.callTaskId,
  });
  let ticket: OpenedTicket | null = null;
  if (input.ticket) {
    const opened = await openTicketWithPaths(
      tx,
      actor,
      {
        subscriberId: input.subscriberId,
        category: input.ticket.category,
        title: redactPersonalData(input.ticket.title),
        description: note,
        source: input.ticket.source,
        contactId,
      },
      now,
      input.ticket.fieldPrefix,
    );
    await setContactTicket(tx, input.subscriberId, contactId, opened.id);
    ticket = {
      id: opened.id,
      ticketNo: ticketNo(opened.id),
      groupName: opened.groupName,
      dueAt: opened.dueAt,
      slaState: opened.slaState,
    };
  }
  await auditActor(tx, actor, {
    action: 'contact.log',
    subscriberId: input.subscriberId,
    target: `contact:${contactId}`,
    details: { type: input.type, suggestedType, ticketId: ticket?.id ?? null },
  });
  return { contactId, ticket };
}

/** openTicket names its fields bare (`category`); the request carried them under a prefix. */
async function openTicketWithPaths(
  tx: Database,
  actor: Actor,
  input: Parameters<typeof openTicket>[2],
  now: Date,
  fieldPrefix: string,
) {
  try {
    return await openTicket(tx, actor, input, now);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
    const details = (error.details ?? {}) as { issues?: { path: string; message: string }[] };
    if (!details.issues) throw error;
    const issues = details.issues.map((issue) => ({
      path: `${fieldPrefix}.${issue.path.replace(/^body\./, '')}`,
      message: issue.message,
    }));
    throw new AppError('VALIDATION_FAILED', error.message, { ...details, issues });
  }
}

/**
 * POST /subscribers/:id/contacts: a contact logged by hand (the 360's form), for a subscriber in the
 * actor's scope. A call task named must be this subscriber's and held or worked by the actor.
 * `db` may be an Idempotency-Key's transaction (idempotency/): everything here goes through it, and
 * nothing leaves PostgreSQL.
 */
export async function logContact(
  db: Database,
  actor: Actor,
  subscriberId: number,
  body: LogContactBody,
  now: Date,
): Promise<LoggedContact> {
  await requireSubscriberInScope(db, actor, subscriberId, 'contacts.log');
  const callTaskId = body.callTaskId ?? null;
  if (callTaskId !== null && !(await isCallTaskWorkedBy(db, subscriberId, callTaskId, actor.userId))) {
    throw invalid('body.callTaskId', 'is not a call task of this subscriber that you hold or worked');
  }
  const { contactId, ticket } = await db.transaction((tx) =>
    recordContact(
      tx,
      actor,
      {
        subscriberId,
        channel: body.channel,
        direction: body.direction,
        type: body.type,
        note: body.note,
        analysis: body,
        callTaskId,
        ticket: body.ticket ? { ...body.ticket, source: 'contact', fieldPrefix: 'body.ticket' } : null,
      },
      now,
    ),
  );
  const [stored] = await findContactsBySubscriberId(db, subscriberId, { contactId, limit: 1 });
  if (!stored) throw notFound('Contact');
  return { contact: contactView(stored), ticket };
}

/** GET /subscribers/:id/contacts: newest first, for a subscriber in the actor's scope. */
export async function listContacts(
  db: Database,
  actor: Actor,
  subscriberId: number,
  limit: number,
): Promise<{ items: ContactView[] }> {
  await requireSubscriberInScope(db, actor, subscriberId, 'contacts.list');
  const rows = await findContactsBySubscriberId(db, subscriberId, { limit });
  return { items: rows.map(contactView) };
}

/** Free text is masked again on the way out: rows written before masking was enforced may hold numbers. */
function contactView(row: StoredContact): ContactView {
  const { summary, ticketId, ticketStatus, ...rest } = row;
  return {
    ...rest,
    note: maskOrNull(summary),
    emotion: maskOrNull(row.emotion),
    fact: maskOrNull(row.fact),
    opinion: maskOrNull(row.opinion),
    claim: maskOrNull(row.claim),
    ticket: ticketId === null ? null : { id: ticketId, ticketNo: ticketNo(ticketId), status: ticketStatus },
  };
}
