import type { Database } from '#src/db/client';
import { AppError } from '#src/lib/app-error';
import {
  findLatestServiceSettingsVersion,
  insertServiceSettingsVersion,
} from './service-settings.repository';

/**
 * The service desk's editable documents, each with its own version history (issue 6): the routing
 * table, the SLA matrix, the contact classifier's rules, the revisit settings and the hot-spot test.
 */
export const SERVICE_SETTINGS_KINDS = ['routing', 'sla', 'classifier', 'revisit', 'hot_spots'] as const;
export type ServiceSettingsKind = (typeof SERVICE_SETTINGS_KINDS)[number];

/** A kind's document in force. Version 0 is the built-in default, used until someone saves one. */
export type ServiceSettingsInForce<T> = { version: number; document: T; createdAt: Date | null };

export type SettingsDefinition<T> = {
  kind: ServiceSettingsKind;
  /** Validates and fills defaults; throws with every problem's path on bad input. */
  parse: (input: unknown) => T;
  defaults: T;
};

export async function currentServiceSettings<T>(
  db: Database,
  definition: SettingsDefinition<T>,
): Promise<ServiceSettingsInForce<T>> {
  const latest = await findLatestServiceSettingsVersion(db, definition.kind);
  if (!latest) return { version: 0, document: definition.defaults, createdAt: null };
  // A stored document was valid when saved; parsing again fills defaults of fields added since.
  return {
    version: latest.version,
    document: definition.parse(latest.document),
    createdAt: latest.createdAt,
  };
}

/**
 * Saves a whole, already validated document as the kind's next version. Two people saving at once:
 * the second is refused with 409, nothing is overwritten.
 */
export async function saveServiceSettings<T>(
  db: Database,
  definition: SettingsDefinition<T>,
  document: T,
  meta: { note: string | null; createdBy: number | null },
): Promise<ServiceSettingsInForce<T>> {
  const latest = await findLatestServiceSettingsVersion(db, definition.kind);
  const version = (latest?.version ?? 0) + 1;
  const stored = await insertServiceSettingsVersion(db, {
    kind: definition.kind,
    version,
    document,
    ...meta,
  });
  if (!stored) {
    throw new AppError(
      'CONFLICT',
      `The ${definition.kind} settings version ${version} was saved by someone else meanwhile; reload`,
    );
  }
  return { version: stored.version, document, createdAt: stored.createdAt };
}
