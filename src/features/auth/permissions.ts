import type { UserRole } from '#src/db/schema/enums';

export const PERMISSIONS = [
  'subscribers.search',
  'subscribers.view',
  'subscribers.unmask',
  'subscribers.export',
  'subscribers.editTags',
  'scores.read',
  'audit.read',
  'users.manage',
  'scoring.manage',
  'imports.run',
  /** Offers, scripts and SMS templates: read (everyone who works calls), manage (analysts). */
  'catalogue.read',
  'catalogue.manage',
  /** Next-best-action levers, budget and P(save) priors. */
  'decisions.manage',
  'campaigns.read',
  'campaigns.manage',
  /** The daily call plan, its progress per agent and agent KPIs. */
  'plans.read',
  'plans.manage',
  /** Pull, claim and work call tasks; record dispositions. */
  'queue.work',
  /** Send a care SMS to a subscriber in scope. */
  'sms.send',
  /** Log an inbound or outbound contact (with the type suggestion) for a subscriber in scope. */
  'contacts.log',
  /** Read and work tickets in scope: notes, pause/resume, resolve, close, reopen, revisits. */
  'tickets.read',
  'tickets.work',
  /** Reassign a ticket to another group or person. */
  'tickets.assign',
  /** The SLA report and complaint hot spots (aggregates, no personal data). */
  'service.report',
  /** Raise and track root-cause work orders from hot spots. */
  'workOrders.manage',
  /** Routing table, SLA matrix, classifier rules, revisit settings and service groups. */
  'service.manage',
  /** Dashboards, consumption analysis and forecasts (aggregates; filters within scope). */
  'analytics.read',
  /** Set team and agent targets (annual, quarterly steps, daily goals). */
  'targets.manage',
  /** Generate the quarterly one-to-one service report for subscribers in scope. */
  'reports.generate',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do (issue 4, DOMAIN.md §1). Which rows it may do it to is the scope
 * (subscriber-scope.ts). Analysts read masked lists and aggregates, never a 360; auditors read the
 * audit log and nothing about subscribers; only the owning agent edits call tags.
 */
export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  admin: [
    'subscribers.search',
    'subscribers.view',
    'subscribers.unmask',
    'subscribers.export',
    'scores.read',
    'audit.read',
    'users.manage',
    'scoring.manage',
    'imports.run',
    'catalogue.read',
    'catalogue.manage',
    'decisions.manage',
    'campaigns.read',
    'campaigns.manage',
    'plans.read',
    'plans.manage',
    'sms.send',
    'tickets.read',
    'tickets.work',
    'tickets.assign',
    'service.report',
    'workOrders.manage',
    'service.manage',
    'analytics.read',
    'targets.manage',
    'reports.generate',
  ],
  lead: [
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
  ],
  agent: [
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
  ],
  analyst: [
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
  ],
  auditor: ['audit.read'],
};

export function permissionsOf(role: UserRole): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function roleHas(role: UserRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
