import { api, isApiError } from './client';
import { postOnce } from './idempotent';
import type {
  Briefing,
  ClaimResult,
  DialResult,
  OutcomeBody,
  OutcomeResult,
  Queue,
  SendSmsBody,
  SmsMessage,
  SmsTemplate,
  TaskResult,
} from './types-workbench';

export function fetchQueue(): Promise<Queue> {
  return api.get<Queue>('/api/queue');
}

/** Claims the best task due now; `task` is null when there is none. */
export function claimNextTask(): Promise<ClaimResult> {
  return api.post<ClaimResult>('/api/queue/next');
}

/** 409 CONFLICT when another agent has just taken it. */
export function claimTask(id: number): Promise<TaskResult> {
  return api.post<TaskResult>(`/api/tasks/${id}/claim`);
}

export function releaseTask(id: number): Promise<ClaimResult> {
  return api.post<ClaimResult>(`/api/tasks/${id}/release`);
}

/** Only for a task the caller holds (404 otherwise). */
export function fetchBriefing(id: number, lang: string): Promise<Briefing> {
  return api.get<Briefing>(`/api/tasks/${id}/briefing`, { lang });
}

/** 422 CONTACT_REFUSED with the refusal codes when the contact policy says no now. */
export function dialTask(id: number): Promise<DialResult> {
  return api.post<DialResult>(`/api/tasks/${id}/dial`);
}

/** Sent with an Idempotency-Key, retried with it when no answer came: one outcome per click. */
export function recordOutcome(id: number, body: OutcomeBody): Promise<OutcomeResult> {
  return postOnce<OutcomeResult>(`/api/tasks/${id}/outcome`, body);
}

export function fetchSmsTemplates(): Promise<{ items: SmsTemplate[] }> {
  return api.get<{ items: SmsTemplate[] }>('/api/sms/templates');
}

export function fetchSmsHistory(subscriberId: number): Promise<{ items: SmsMessage[] }> {
  return api.get<{ items: SmsMessage[] }>(`/api/subscribers/${subscriberId}/sms`);
}

/** 201 with the queued message; 422 CONTACT_REFUSED (kept in the outbox as refused) when the policy says no. */
export function sendSms(subscriberId: number, body: SendSmsBody): Promise<SmsMessage> {
  return api.post<SmsMessage>(`/api/subscribers/${subscriberId}/sms`, body);
}

/**
 * The contact-policy refusal codes of a 422 CONTACT_REFUSED, or null for any other error. The codes
 * travel in `error.details.refusals`; until the shared client keeps `details`, they are read back
 * from the message, which lists them after its colon.
 */
export function contactRefusalsOf(error: unknown): string[] | null {
  if (!isApiError(error, 'CONTACT_REFUSED')) return null;
  const refusals = error.details?.refusals;
  return Array.isArray(refusals) ? refusals.filter((r): r is string => typeof r === 'string') : [];
}

export type LintFinding = {
  code: string;
  locale: string;
  phrase: string;
  match: string;
  index: number;
  end: number;
  suggestion: string;
};

/** The forbidden-phrase check of free text (call notes), as the agent types. */
export function lintText(text: string): Promise<{ clean: boolean; findings: LintFinding[] }> {
  return api.post<{ clean: boolean; findings: LintFinding[] }>('/api/scripts/lint', { text });
}
