import type { Database } from '#src/db/client';
import { AppError, notFound } from '#src/lib/app-error';
import { DEFAULT_SCORING_SETTINGS, parseScoringSettings, type ScoringSettings } from './scoring-settings';
import {
  findLatestSettingsVersion,
  findSettingsVersion,
  insertSettingsVersion,
  listSettingsVersions,
} from './settings.repository';

/** The settings in force. Version 0 is the built-in DOMAIN.md defaults, used until someone saves one. */
export type SettingsInForce = { version: number; settings: ScoringSettings; createdAt: Date | null };

export async function currentSettings(db: Database): Promise<SettingsInForce> {
  const latest = await findLatestSettingsVersion(db);
  if (!latest) return { version: 0, settings: DEFAULT_SCORING_SETTINGS, createdAt: null };
  // A stored document was valid when saved; parsing again also fills defaults added since.
  return {
    version: latest.version,
    settings: parseScoringSettings(latest.document),
    createdAt: latest.createdAt,
  };
}

export async function settingsAtVersion(db: Database, version: number): Promise<SettingsInForce> {
  if (version === 0) return { version: 0, settings: DEFAULT_SCORING_SETTINGS, createdAt: null };
  const row = await findSettingsVersion(db, version);
  if (!row) throw notFound(`scoring settings version ${version}`);
  return { version: row.version, settings: parseScoringSettings(row.document), createdAt: row.createdAt };
}

export { listSettingsVersions };

/**
 * Saves a settings document (validated by the route's schema, or parsed by the caller) as the next
 * version. Two people saving at once: the second is refused, nothing is overwritten.
 */
export async function saveSettings(
  db: Database,
  settings: ScoringSettings,
  meta: { note: string | null; createdBy: number | null },
): Promise<SettingsInForce> {
  const latest = await findLatestSettingsVersion(db);
  const version = (latest?.version ?? 0) + 1;
  try {
    const stored = await insertSettingsVersion(db, { version, document: settings, ...meta });
    return { version: stored.version, settings, createdAt: stored.createdAt };
  } catch (error) {
    if (await findSettingsVersion(db, version)) {
      throw new AppError(
        'CONFLICT',
        `Settings version ${version} was saved by someone else meanwhile; reload`,
      );
    }
    throw error;
  }
}
