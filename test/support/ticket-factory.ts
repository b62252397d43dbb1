import type { Database } from '#src/db/client';
import type { Actor } from '#src/features/auth/actor';
import { type OpenedTicket, type OpenTicketInput, openTicket } from '#src/features/tickets/tickets.service';
import { insertPlan, insertSubscriber } from './factories';

export type TestTicketOptions = Partial<OpenTicketInput> & {
  /** Who opens it; null (the default) is the system, as an import would. */
  actor?: Actor | null;
  /** The clock the ticket is opened at; the default is the real time. */
  now?: Date;
};

/**
 * Opens a ticket the way the product does (routing, assignment, SLA, timeline, lifecycle hooks), in
 * its own transaction. Without a subscriberId a fresh gold subscriber in 南京市鼓楼区 is made for it.
 */
export async function openTestTicket(db: Database, options: TestTicketOptions = {}): Promise<OpenedTicket> {
  const { actor = null, now = new Date(), ...input } = options;
  const subscriberId = input.subscriberId ?? (await insertSubscriber(db, (await insertPlan(db)).id)).id;
  return db.transaction((tx) =>
    openTicket(
      tx,
      actor,
      {
        category: 'broadband_fault.outage',
        title: '宽带断网',
        source: 'contact',
        ...input,
        subscriberId,
      },
      now,
    ),
  );
}
