/** Everything the audit log records; the console translates these codes. */
export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  /** Recorded before the password is checked: the sign-in rate limits count these (audit/rate-limit.ts). */
  'auth.sign_in_attempt',
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
  /** Service contacts (contacts feature): a contact logged; the classifier's rules saved as a new version. */
  'contact.log',
  'classifier.settings',
  /** Service tickets (tickets feature): opened, edited, assigned, paused, resumed, closed, reopened, a note. */
  'ticket.open',
  'ticket.update',
  'ticket.assign',
  'ticket.pause',
  'ticket.resume',
  'ticket.close',
  'ticket.reopen',
  'ticket.note',
  /** A service group's lead, manager and members replaced; the routing table or SLA matrix saved. */
  'service_group.update',
  'service_settings.routing',
  'service_settings.sla',
  /** Satisfaction revisits (tickets/revisits): an answer or no answer recorded; the revisit settings saved. */
  'revisit.answer',
  'revisit.unanswered',
  'revisit.settings',
  /** Hot spots (tickets/reports, work-orders): the test's settings saved; a work order raised or moved. */
  'service_settings.hot_spots',
  'work_order.create',
  'work_order.update',
  /** Team targets (targets feature): a target created or changed (level, annual value, quarter steps). */
  'target.update',
  /** A quarterly one-to-one service report generated (service-report feature): page, PDF or bulk job. */
  'service_report.generate',
  /** A bulk service-report job started for a segment (limited per user and day like exports). */
  'service_report.bulk',
  /** An SMS an agent or lead sent by hand (sms feature); limited per user and hour. */
  'sms.send',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
