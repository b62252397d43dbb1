import type { Me, Permission } from '../api/types';

export function can(me: Me | null | undefined, permission: Permission): boolean {
  return me?.permissions.includes(permission) ?? false;
}

/** Pages in menu order, each with the permission it needs. */
export const PAGES: { path: string; permission: Permission }[] = [
  { path: '/workbench', permission: 'queue.work' },
  { path: '/subscribers', permission: 'subscribers.search' },
  { path: '/campaigns', permission: 'campaigns.read' },
  { path: '/plan', permission: 'plans.read' },
  { path: '/catalogue', permission: 'catalogue.read' },
  { path: '/decisions', permission: 'decisions.manage' },
  { path: '/audit', permission: 'audit.read' },
  { path: '/users', permission: 'users.manage' },
  { path: '/scoring', permission: 'scoring.manage' },
  { path: '/tickets', permission: 'tickets.read' },
  { path: '/service', permission: 'service.report' },
  { path: '/service-settings', permission: 'service.manage' },
  { path: '/dashboards', permission: 'analytics.read' },
  { path: '/consumption', permission: 'analytics.read' },
  { path: '/forecasts', permission: 'analytics.read' },
  { path: '/targets', permission: 'plans.read' },
  { path: '/daily-summary', permission: 'plans.read' },
];

/** The first page the user may open (auditors land on the audit log). */
export function homePath(me: Me | null | undefined): string {
  return PAGES.find((page) => can(me, page.permission))?.path ?? '/not-found';
}
