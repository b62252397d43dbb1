import { isApiError } from '../../api/client';
import type {
  ComplaintPsychology,
  ContactChannel,
  ContactDirection,
  ContactType,
  LogContactBody,
} from '../../api/types-tickets';

/** What the log-a-contact form holds. */
export type LogContactValues = {
  channel: ContactChannel;
  direction: ContactDirection;
  note: string;
  type?: ContactType;
  emotion?: string;
  fact?: string;
  opinion?: string;
  claim?: string;
  complaintPsychology?: ComplaintPsychology | null;
  openTicket: boolean;
  ticket?: { category?: string; title?: string };
};

const trimmed = (text: string | undefined | null): string | undefined => {
  const value = text?.trim();
  return value ? value : undefined;
};

/**
 * The request body: the four-part analysis only for complaints, the ticket only when asked for, the
 * suggestion sent alongside so the server keeps what the classifier proposed next to what the agent chose.
 */
export function buildLogContactBody(
  values: LogContactValues,
  suggestedType: ContactType | undefined,
  callTaskId: number | undefined,
): LogContactBody {
  const type = values.type ?? suggestedType ?? 'consultation';
  const complaint = type === 'complaint';
  const body: LogContactBody = {
    channel: values.channel,
    direction: values.direction,
    type,
    note: values.note.trim(),
  };
  if (suggestedType) body.suggestedType = suggestedType;
  if (callTaskId !== undefined) body.callTaskId = callTaskId;
  if (complaint) {
    const emotion = trimmed(values.emotion);
    const fact = trimmed(values.fact);
    const opinion = trimmed(values.opinion);
    const claim = trimmed(values.claim);
    if (emotion) body.emotion = emotion;
    if (fact) body.fact = fact;
    if (opinion) body.opinion = opinion;
    if (claim) body.claim = claim;
    if (values.complaintPsychology) body.complaintPsychology = values.complaintPsychology;
  }
  if (values.openTicket && values.ticket?.category && trimmed(values.ticket.title)) {
    body.ticket = { category: values.ticket.category, title: trimmed(values.ticket.title) as string };
  }
  return body;
}

export type FieldIssue = { name: (string | number)[]; message: string };

/**
 * A 400's field problems as form paths: "body.ticket.category" (schema checks) and "fact" (service checks)
 * both become ['ticket', 'category'] / ['fact']; query and path parameters are no form field.
 */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!isApiError(error)) return [];
  return error.issues.flatMap((issue) => {
    const parts = issue.path.split('.').filter(Boolean);
    if (parts[0] === 'body') parts.shift();
    else if (parts[0] === 'querystring' || parts[0] === 'params' || parts[0] === 'headers') return [];
    if (parts.length === 0) return [];
    return [
      { name: parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part)), message: issue.message },
    ];
  });
}
