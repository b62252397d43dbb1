/** Everything the audit log records; the console translates these codes. */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.password_changed',
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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
