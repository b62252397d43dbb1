import type { GuardActor, GuardActorKind } from './guard-fixture';
import { TAGS_BODY, UNMASK_BODY } from './guard-fixture';

// What each role may do and to which ids, written out from the contract (not imported from src),
// so a wrong grant in the code cannot agree with itself.

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type Method = (typeof METHODS)[number];

/**
 * What each role may do, written out from the API contract rather than imported from src, so a
 * wrong grant in the code cannot agree with itself.
 */
export const GRANTS: Record<GuardActorKind, ReadonlySet<string>> = {
  agent: new Set([
    'subscribers.search',
    'subscribers.view',
    'subscribers.unmask',
    'subscribers.editTags',
    'scores.read',
    'catalogue.read',
    'queue.work',
    'sms.send',
    'contacts.log',
    'tickets.read',
    'tickets.work',
    'reports.generate',
  ]),
  lead: new Set([
    'subscribers.search',
    'subscribers.view',
    'subscribers.unmask',
    'subscribers.export',
    'scores.read',
    'catalogue.read',
    'campaigns.read',
    'campaigns.manage',
    'plans.read',
    'plans.manage',
    'sms.send',
    'contacts.log',
    'tickets.read',
    'tickets.work',
    'tickets.assign',
    'service.report',
    'workOrders.manage',
    'analytics.read',
    'targets.manage',
    'reports.generate',
  ]),
  analyst: new Set([
    'subscribers.search',
    'scores.read',
    'scoring.manage',
    'catalogue.read',
    'catalogue.manage',
    'decisions.manage',
    'campaigns.read',
    'plans.read',
    'service.report',
    'workOrders.manage',
    'service.manage',
    'analytics.read',
  ]),
  auditor: new Set(['audit.read']),
  anonymous: new Set(),
};

/** The contract's operations that take an id: the permission they need and the scope they apply. */
export type Rule = {
  permission: string;
  /**
   * subscriber: in the actor's scope; owner: in the agent's own book; task-holder: a call task the
   * actor holds; task-claimable: one it holds or may claim; campaign: a campaign of its team (leads)
   * or any (analysts, admins); ticket: a ticket of a subscriber in scope, assigned to the actor or
   * in its service group; revisit: a revisit of such a ticket; none: any id.
   */
  scope:
    | 'subscriber'
    | 'owner'
    | 'task-holder'
    | 'task-claimable'
    | 'campaign'
    | 'ticket'
    | 'revisit'
    | 'report-job'
    | 'none';
};
export const RULES: Record<string, Rule> = {
  'GET /api/subscribers/{id}': { permission: 'subscribers.view', scope: 'subscriber' },
  'GET /api/subscribers/{id}/360': { permission: 'subscribers.view', scope: 'subscriber' },
  'POST /api/subscribers/{id}/unmask': { permission: 'subscribers.unmask', scope: 'subscriber' },
  'PUT /api/subscribers/{id}/tags': { permission: 'subscribers.editTags', scope: 'owner' },
  'GET /api/subscribers/{id}/score': { permission: 'scores.read', scope: 'subscriber' },
  'GET /api/subscribers/{id}/scores': { permission: 'scores.read', scope: 'subscriber' },
  'POST /api/users/{id}/disable': { permission: 'users.manage', scope: 'none' },
  'POST /api/users/{id}/enable': { permission: 'users.manage', scope: 'none' },
  'POST /api/users/{id}/sessions/end': { permission: 'users.manage', scope: 'none' },
  'GET /api/scoring/runs/{id}': { permission: 'scoring.manage', scope: 'none' },
  'GET /api/scoring/settings/versions/{version}': { permission: 'scoring.manage', scope: 'none' },
  'POST /api/models/{id}/activate': { permission: 'scoring.manage', scope: 'none' },
  'POST /api/imports/{kind}': { permission: 'imports.run', scope: 'none' },
  // Issue 5: offers, scripts, SMS, next-best-action, campaigns, plans, the queue and the call panel.
  'GET /api/subscribers/{id}/plan-advice': { permission: 'subscribers.view', scope: 'subscriber' },
  'GET /api/subscribers/{id}/next-best-action': { permission: 'subscribers.view', scope: 'subscriber' },
  'POST /api/subscribers/{id}/sms': { permission: 'sms.send', scope: 'subscriber' },
  'GET /api/subscribers/{id}/sms': { permission: 'subscribers.view', scope: 'subscriber' },
  'GET /api/offers/{code}': { permission: 'catalogue.read', scope: 'none' },
  'PUT /api/offers/{code}': { permission: 'catalogue.manage', scope: 'none' },
  'GET /api/scripts/{code}': { permission: 'catalogue.read', scope: 'none' },
  'PUT /api/scripts/{code}': { permission: 'catalogue.manage', scope: 'none' },
  'PUT /api/sms/templates/{code}': { permission: 'catalogue.manage', scope: 'none' },
  'GET /api/campaigns/{id}': { permission: 'campaigns.read', scope: 'campaign' },
  'PUT /api/campaigns/{id}': { permission: 'campaigns.manage', scope: 'campaign' },
  'POST /api/campaigns/{id}/launch': { permission: 'campaigns.manage', scope: 'campaign' },
  'POST /api/campaigns/{id}/pause': { permission: 'campaigns.manage', scope: 'campaign' },
  'POST /api/campaigns/{id}/resume': { permission: 'campaigns.manage', scope: 'campaign' },
  'POST /api/campaigns/{id}/end': { permission: 'campaigns.manage', scope: 'campaign' },
  'GET /api/campaigns/{id}/results': { permission: 'campaigns.read', scope: 'campaign' },
  'GET /api/plans/{id}': { permission: 'plans.read', scope: 'none' },
  'GET /api/plans/{id}/progress': { permission: 'plans.read', scope: 'none' },
  'POST /api/tasks/{id}/claim': { permission: 'queue.work', scope: 'task-claimable' },
  'POST /api/tasks/{id}/release': { permission: 'queue.work', scope: 'task-holder' },
  'GET /api/tasks/{id}/briefing': { permission: 'queue.work', scope: 'task-holder' },
  'POST /api/tasks/{id}/dial': { permission: 'queue.work', scope: 'task-holder' },
  'POST /api/tasks/{id}/outcome': { permission: 'queue.work', scope: 'task-holder' },
  // Issue 6: contacts, tickets, revisits, service groups and work orders.
  'GET /api/subscribers/{id}/contacts': { permission: 'subscribers.view', scope: 'subscriber' },
  'POST /api/subscribers/{id}/contacts': { permission: 'contacts.log', scope: 'subscriber' },
  'POST /api/subscribers/{id}/tickets': { permission: 'tickets.work', scope: 'subscriber' },
  'GET /api/tickets/{id}': { permission: 'tickets.read', scope: 'ticket' },
  'PATCH /api/tickets/{id}': { permission: 'tickets.work', scope: 'ticket' },
  'POST /api/tickets/{id}/assign': { permission: 'tickets.assign', scope: 'ticket' },
  'POST /api/tickets/{id}/pause': { permission: 'tickets.work', scope: 'ticket' },
  'POST /api/tickets/{id}/resume': { permission: 'tickets.work', scope: 'ticket' },
  'POST /api/tickets/{id}/close': { permission: 'tickets.work', scope: 'ticket' },
  'POST /api/tickets/{id}/reopen': { permission: 'tickets.work', scope: 'ticket' },
  'POST /api/tickets/{id}/notes': { permission: 'tickets.work', scope: 'ticket' },
  'POST /api/revisits/{id}/answer': { permission: 'tickets.work', scope: 'revisit' },
  'POST /api/revisits/{id}/unanswered': { permission: 'tickets.work', scope: 'revisit' },
  'PUT /api/service-groups/{id}': { permission: 'service.manage', scope: 'none' },
  'GET /api/work-orders/{id}': { permission: 'service.report', scope: 'none' },
  'PATCH /api/work-orders/{id}': { permission: 'workOrders.manage', scope: 'none' },
  // Issue 7: consumption analysis, the quarterly service report.
  'GET /api/subscribers/{id}/consumption': { permission: 'subscribers.view', scope: 'subscriber' },
  'GET /api/subscribers/{id}/service-report': { permission: 'reports.generate', scope: 'subscriber' },
  'GET /api/subscribers/{id}/service-report.pdf': { permission: 'reports.generate', scope: 'subscriber' },
  // A report job belongs to its creator (and admins); the guard world creates none.
  'GET /api/service-reports/jobs/{id}': { permission: 'reports.generate', scope: 'report-job' },
  'GET /api/service-reports/jobs/{id}/file': { permission: 'reports.generate', scope: 'report-job' },
  // A team's daily summary file: leads their team's (checked in the route), admins and analysts any.
  'GET /api/daily-summary/files/{date}/{file}': { permission: 'plans.read', scope: 'none' },
};

/** Malformed, out-of-range and odd ids every id parameter is tried with. */
export const SPECIAL_IDS = [
  '0',
  '-1',
  '-999',
  '2147483647',
  '2147483648',
  '9007199254740991',
  '9007199254740993',
  '9223372036854775807',
  '99999999999999999999',
  'abc',
  '1.5',
  'NaN',
  'Infinity',
  'null',
  '%20',
  '1%00',
  '..%2F1',
  '%5B1%5D',
];

/** The same number in other spellings a lax parser may accept (Number('0x1f') is 31). */
export function aliasesOf(id: number): string[] {
  return [`0x${id.toString(16)}`, `%2B${id}`, `${id}.0`, `${id}e0`, `0${id}`, `%20${id}`, `${id}%20`];
}

/** The id a coercing schema would see, or null when it is not a valid positive integer. */
export function effectiveId(raw: string): number | null {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export type Operation = { template: string; listed: Set<Method>; param: string };
export type Attempt = { actor: GuardActor; method: Method; template: string; raw: string; url: string };
export type Finding = {
  actor: string;
  method: string;
  url: string;
  status: number;
  why: string;
  body: string;
};

export const REFERENCE_ID = '999999';

export function isAllowed(
  actor: GuardActor,
  op: Operation,
  method: Method,
  raw: string,
  live: Set<number>,
): boolean {
  const listed = op.listed.has(method) || (method === 'HEAD' && op.listed.has('GET'));
  if (!listed || !actor.active) return false;
  const rule = RULES[`${method === 'HEAD' ? 'GET' : method} ${op.template}`];
  if (!rule || !GRANTS[actor.kind].has(rule.permission)) return false;
  if (rule.scope === 'none') return true;
  const id = effectiveId(raw);
  if (id === null) return false;
  if (rule.scope === 'owner') return actor.editable.has(id);
  if (rule.scope === 'task-holder') return actor.heldTasks.has(id);
  if (rule.scope === 'task-claimable') return actor.claimableTasks.has(id);
  if (rule.scope === 'campaign') return actor.campaigns.has(id);
  if (rule.scope === 'ticket') return actor.tickets.has(id);
  if (rule.scope === 'revisit') return actor.revisits.has(id);
  if (rule.scope === 'report-job') return false;
  return actor.kind === 'analyst' ? live.has(id) : actor.scope.has(id);
}

/** Valid bodies for the service routes (issue 6); versioned writes name version 1 in the body. */
const SERVICE_BODIES: Record<string, object> = {
  'POST /api/subscribers/{id}/contacts': {
    channel: 'phone',
    direction: 'inbound',
    type: 'consultation',
    note: 'guard: asks about the night pack',
  },
  'POST /api/subscribers/{id}/tickets': { category: 'network_signal', title: 'guard ticket' },
  'PATCH /api/tickets/{id}': { title: 'guard edit', version: 1 },
  'POST /api/tickets/{id}/assign': { assigneeUserId: null, version: 1 },
  'POST /api/tickets/{id}/pause': { reason: 'guard', version: 1 },
  'POST /api/tickets/{id}/resume': { version: 1 },
  'POST /api/tickets/{id}/close': { resolution: 'guard', version: 1 },
  'POST /api/tickets/{id}/reopen': { reason: 'guard', version: 1 },
  'POST /api/tickets/{id}/notes': { text: 'guard note' },
  'POST /api/revisits/{id}/answer': { score: 5 },
  'POST /api/revisits/{id}/unanswered': {},
  'PUT /api/service-groups/{id}': { leadUserId: null, managerUserId: null, members: [] },
  'PATCH /api/work-orders/{id}': { status: 'in_progress', version: 1 },
};

/** A valid body for the operation, so a missing scope check cannot hide behind validation. */
export function bodyFor(template: string, method: Method) {
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return undefined;
  if (template.endsWith('/unmask')) return { payload: UNMASK_BODY };
  if (template.endsWith('/tags')) return { payload: TAGS_BODY };
  const serviceBody = SERVICE_BODIES[`${method} ${template}`];
  if (serviceBody) return { payload: serviceBody };
  if (template.startsWith('/api/imports/')) {
    const boundary = 'guardboundary';
    return {
      payload:
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\ncode,name\r\nGX1,x\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  }
  return { payload: {} };
}
