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
  'offer.create',
  'offer.update',
  /** A call script saved as its next version (scripts feature). */
  'script.update',
  /** Campaigns (campaigns feature): launch records the draw (run, seed, arm sizes). */
  'campaign.create',
  'campaign.update',
  'campaign.launch',
  'campaign.pause',
  'campaign.resume',
  'campaign.end',
  /** Call panel (calls feature): the number revealed to dial, a dial the contact policy refused, a disposition. */
  'call.dial',
  'call.dial_refused',
  'call.outcome',
  /** Next-best-action levers saved as a new version; a day's call plan built (decisions, planning). */
  'decisions.settings',
  'plan.create',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
