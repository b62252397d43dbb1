import type { Role } from './types';

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'subscriber.view',
  'subscriber.unmask',
  'subscriber.export',
  'subscriber.tags',
  'access.denied',
  'rate.limited',
  'user.create',
  'user.disable',
  'user.enable',
  'user.sessions_end',
  'auth.password_changed',
  'offer.create',
  'offer.update',
  'script.update',
  'campaign.create',
  'campaign.update',
  'campaign.launch',
  'campaign.pause',
  'campaign.resume',
  'campaign.end',
  'call.dial',
  'call.dial_refused',
  'call.outcome',
  'decisions.settings',
  'plan.create',
  'contact.log',
  'classifier.settings',
  'ticket.open',
  'ticket.update',
  'ticket.assign',
  'ticket.pause',
  'ticket.resume',
  'ticket.close',
  'ticket.reopen',
  'ticket.note',
  'service_group.update',
  'service_settings.routing',
  'service_settings.sla',
  'revisit.answer',
  'revisit.unanswered',
  'revisit.settings',
  'service_settings.hot_spots',
  'work_order.create',
  'work_order.update',
  'target.update',
  'service_report.generate',
  'service_report.bulk',
  'sms.send',
  'auth.sign_in_attempt',
] as const;

export type AuditEntry = {
  id: number;
  occurredAt: string;
  actorLabel: string;
  action: string;
  subscriberId: number | null;
  target: string | null;
  sourceIp: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
};

export type AuditQuery = {
  actor?: string;
  action?: string;
  subscriberId?: string;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
};

export type AuditPage = { items: AuditEntry[]; page: number; pageSize: number; total: number };

export type User = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  teamId: number | null;
  teamName: string | null;
  isDisabled: boolean;
  lockedUntil: string | null;
  lastSignInAt: string | null;
  activeSessions: number;
  bookSize: number;
};

export type Team = { id: number; name: string; leadName: string | null; members: number };

export type NewUser = {
  username: string;
  displayName: string;
  role: Role;
  teamId?: number | null;
  password: string;
};

export type ScoringRun = {
  id: number;
  asOf: string;
  status: string;
  trigger: string;
  stage: string;
  settingsVersion: number;
  modelId: number | null;
  subscribers: number;
  progress: { scored: number; total: number } | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
};
