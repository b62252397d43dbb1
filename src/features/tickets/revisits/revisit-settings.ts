import { z } from 'zod';
import type { Database } from '#src/db/client';
import { auditActor } from '#src/features/audit/audit.service';
import type { Actor } from '#src/features/auth/actor';
import {
  currentServiceSettings,
  type ServiceSettingsInForce,
  type SettingsDefinition,
  saveServiceSettings,
} from '#src/features/service-settings/service-settings.service';

/**
 * Who is asked how a closed ticket went, and how (DOMAIN.md §10, after service): a VIP gets a call
 * from their phone manager, others an SMS survey by default. A score at or below `reopenAtOrBelow`
 * reopens the ticket; `delayMinutes` lets the fix settle before asking.
 */
export const revisitSettingsSchema = z
  .object({
    vipChannel: z.enum(['call', 'sms']).default('call'),
    othersChannel: z.enum(['call', 'sms', 'none']).default('sms'),
    reopenAtOrBelow: z.number().int().min(0).max(5).default(2),
    delayMinutes: z
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 60)
      .default(0),
  })
  .meta({ id: 'RevisitSettings' });
export type RevisitSettings = z.infer<typeof revisitSettingsSchema>;

export const DEFAULT_REVISIT_SETTINGS: RevisitSettings = revisitSettingsSchema.parse({});

export const REVISIT_SETTINGS: SettingsDefinition<RevisitSettings> = {
  kind: 'revisit',
  parse: (input) => revisitSettingsSchema.parse(input),
  defaults: DEFAULT_REVISIT_SETTINGS,
};

/** Read at every closure and answer, so a saved change applies to the next ticket closed. */
export function currentRevisitSettings(db: Database): Promise<ServiceSettingsInForce<RevisitSettings>> {
  return currentServiceSettings(db, REVISIT_SETTINGS);
}

/** Saves a validated document as the next version (409 on a concurrent save), audited. */
export function saveRevisitSettings(
  db: Database,
  actor: Actor,
  settings: RevisitSettings,
  note: string | null,
): Promise<ServiceSettingsInForce<RevisitSettings>> {
  return db.transaction(async (tx) => {
    const saved = await saveServiceSettings(tx, REVISIT_SETTINGS, settings, {
      note,
      createdBy: actor.userId,
    });
    await auditActor(tx, actor, {
      action: 'revisit.settings',
      target: `version ${saved.version}`,
      reason: note,
      details: { ...settings },
    });
    return saved;
  });
}
