import { describe, expect, it } from 'vitest';
import { USER_ROLES } from '#src/db/schema/enums';
import { PERMISSIONS, type Permission, permissionsOf, roleHas } from './permissions';

// Admins do everything but what is a phone manager's own: their book's call tags, working call
// tasks and logging contacts with subscribers.
const AGENTS_OWN: readonly Permission[] = ['subscribers.editTags', 'queue.work', 'contacts.log'];
const ADMIN = PERMISSIONS.filter((p) => !AGENTS_OWN.includes(p));

describe('role permissions', () => {
  it('gives every role a list of known, distinct permissions', () => {
    for (const role of USER_ROLES) {
      const perms = permissionsOf(role);
      expect(new Set(perms).size, role).toBe(perms.length);
      for (const p of perms) expect(PERMISSIONS, role).toContain(p);
    }
  });

  it('matches the contract table exactly', () => {
    const expected: Record<string, Permission[]> = {
      admin: ADMIN,
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
    for (const role of USER_ROLES) {
      expect([...permissionsOf(role)].sort(), role).toEqual([...(expected[role] ?? [])].sort());
    }
  });

  it('gives the auditor only audit.read', () => {
    expect(permissionsOf('auditor')).toEqual(['audit.read']);
    for (const p of PERMISSIONS) expect(roleHas('auditor', p), p).toBe(p === 'audit.read');
  });

  it('lets analysts search but never view or unmask a subscriber', () => {
    expect(roleHas('analyst', 'subscribers.search')).toBe(true);
    expect(roleHas('analyst', 'subscribers.view')).toBe(false);
    expect(roleHas('analyst', 'subscribers.unmask')).toBe(false);
    expect(roleHas('analyst', 'subscribers.export')).toBe(false);
  });

  it('lets only agents edit call tags', () => {
    const editors = USER_ROLES.filter((role) => roleHas(role, 'subscribers.editTags'));
    expect(editors).toEqual(['agent']);
    expect(roleHas('admin', 'subscribers.editTags')).toBe(false);
    expect(roleHas('lead', 'subscribers.editTags')).toBe(false);
  });

  it('keeps user management, audit reading and imports away from leads and agents', () => {
    for (const role of ['lead', 'agent'] as const) {
      for (const p of ['users.manage', 'audit.read', 'imports.run', 'scoring.manage'] as const) {
        expect(roleHas(role, p), `${role} ${p}`).toBe(false);
      }
    }
    expect(roleHas('agent', 'subscribers.export')).toBe(false);
    expect(roleHas('lead', 'subscribers.export')).toBe(true);
  });
});
