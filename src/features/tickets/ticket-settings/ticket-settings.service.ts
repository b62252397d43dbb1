import type { Database } from '#src/db/client';
import { auditActor } from '#src/features/audit/audit.service';
import type { Actor } from '#src/features/auth/actor';
import {
  currentServiceSettings,
  type SettingsDefinition,
  saveServiceSettings,
} from '#src/features/service-settings/service-settings.service';
import type { RoutingTable } from '../dispatch/routing-table';

type InForceView<T> = { version: number; document: T; createdAt: string | null };

export async function ticketSettingsInForce<T>(
  db: Database,
  definition: SettingsDefinition<T>,
): Promise<InForceView<T>> {
  const current = await currentServiceSettings(db, definition);
  return { ...current, createdAt: current.createdAt?.toISOString() ?? null };
}

/**
 * Saves the next version of the routing table or SLA matrix (409 on a concurrent save), audited.
 * New tickets use it at once; open tickets keep the group they were sent to and the SLA terms they
 * were promised.
 */
export async function saveTicketSettings<T>(
  db: Database,
  actor: Actor,
  definition: SettingsDefinition<T>,
  input: unknown,
  note: string | null,
): Promise<InForceView<T>> {
  // The route's schema already reported every problem with its path; parsing narrows and fills defaults.
  const document = definition.parse(input);
  const saved = await db.transaction(async (tx) => {
    const stored = await saveServiceSettings(tx, definition, document, { note, createdBy: actor.userId });
    await auditActor(tx, actor, {
      action: definition.kind === 'routing' ? 'service_settings.routing' : 'service_settings.sla',
      target: `version ${stored.version}`,
      reason: note,
    });
    return stored;
  });
  return { ...saved, createdAt: saved.createdAt?.toISOString() ?? null };
}

/** The routing table as its JSON shape (mutable arrays for the response schema). */
export async function routingSettingsView(view: Promise<InForceView<RoutingTable>>) {
  const { document, ...rest } = await view;
  return {
    ...rest,
    document: { defaultGroup: document.defaultGroup, rules: document.rules.map((rule) => ({ ...rule })) },
  };
}
