import type { Database } from '#src/db/client';
import { auditActor } from '#src/features/audit/audit.service';
import type { Actor } from '#src/features/auth/actor';
import { AppError, notFound } from '#src/lib/app-error';
import { type AdaptedScript, adaptScript, type ScriptTags } from './adapt-script';
import { lintScript, lintText, type ScriptPhraseFinding } from './phrase-lint';
import { type RenderedScript, renderScript, type ScriptVariables } from './render-script';
import {
  type Locale,
  OBJECTION_TRIGGERS,
  SCRIPT_VARIABLES,
  type ScriptContent,
  scriptContentSchema,
  unknownVariablesInScript,
} from './script-content';
import { findScriptByCode, listScriptRows, type StoredScript, updateScriptRow } from './scripts.repository';
import type { LintBody, LintResult, SaveScriptBody } from './scripts.schemas';

function storedContent(row: StoredScript): ScriptContent {
  const parsed = scriptContentSchema.safeParse(row.content);
  // Every save passes the schema; a row that does not was written around the API.
  if (!parsed.success) throw new AppError('INTERNAL', `script ${row.code} is stored in an unreadable shape`);
  return parsed.data;
}

function summary(row: StoredScript) {
  return {
    code: row.code,
    scenario: row.scenario,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
  };
}

export async function listScripts(db: Database) {
  const rows = await listScriptRows(db);
  return {
    items: rows.map(summary),
    variables: [...SCRIPT_VARIABLES],
    objectionTriggers: [...OBJECTION_TRIGGERS],
  };
}

async function requireScript(db: Database, code: string): Promise<StoredScript> {
  const row = await findScriptByCode(db, code);
  if (!row) throw notFound(`script ${code}`);
  return row;
}

export async function getScript(db: Database, code: string, lang: Locale) {
  const row = await requireScript(db, code);
  const document = storedContent(row);
  return {
    ...summary(row),
    lang,
    title: lang === 'zh-CN' ? row.titleZh : row.titleEn,
    content: document[lang],
    document,
  };
}

/** Forbidden phrases in a whole script and its titles, each checked in its own language. */
function lintForSave(body: SaveScriptBody): ScriptPhraseFinding[] {
  const titles: ScriptPhraseFinding[] = [
    ...(body.titleZh ? lintText(body.titleZh, 'zh-CN').map((f) => ({ ...f, section: 'titleZh' })) : []),
    ...(body.titleEn ? lintText(body.titleEn, 'en').map((f) => ({ ...f, section: 'titleEn' })) : []),
  ];
  return [...titles, ...lintScript(body.content)];
}

/**
 * Saves a script as its next version. Refused (400, every finding in `details.findings`) while any
 * forbidden phrase is in it: a script is read to thousands of subscribers, so the list is a gate,
 * not a suggestion. The save and its audit entry commit together.
 */
export async function saveScript(
  db: Database,
  actor: Actor,
  code: string,
  body: SaveScriptBody,
  lang: Locale,
) {
  const findings = lintForSave(body);
  const first = findings[0];
  if (first) {
    throw new AppError(
      'VALIDATION_FAILED',
      `Forbidden phrase "${first.phrase}" in ${first.section} ("${first.match}"); say instead: ${first.suggestion}` +
        (findings.length > 1 ? ` (${findings.length} findings in all)` : ''),
      { findings },
    );
  }
  await db.transaction(async (tx) => {
    const saved = await updateScriptRow(tx, code, {
      content: body.content,
      titleZh: body.titleZh,
      titleEn: body.titleEn,
      userId: actor.userId,
      expectedVersion: body.expectedVersion,
    });
    if (!saved) {
      const current = await requireScript(tx, code);
      throw new AppError(
        'CONFLICT',
        `Script ${code} is at version ${current.version}, not ${body.expectedVersion}; reload and edit again`,
      );
    }
    await auditActor(tx, actor, {
      action: 'script.update',
      target: code,
      details: { version: saved.version, previousVersion: saved.previousVersion },
    });
  });
  return getScript(db, code, lang);
}

/** The editor's live check: forbidden phrases and unknown placeholders, never a refusal. */
export function lintDraft(body: LintBody): LintResult {
  if (body.content !== undefined) {
    const findings = lintScript(body.content);
    const unknownVariables = unknownVariablesInScript(body.content);
    return { clean: findings.length === 0 && unknownVariables.length === 0, findings, unknownVariables };
  }
  const findings = lintText(body.text ?? '', body.lang);
  return { clean: findings.length === 0, findings, unknownVariables: [] };
}

export type ScriptForCall = RenderedScript & {
  code: string;
  scenario: string;
  title: string;
  version: number;
  locale: Locale;
};

/**
 * The script for the call panel: in the agent's language, adapted to the subscriber's call tags
 * (and sensitivity segments), placeholders filled. Hints say what was adapted and why.
 */
export async function scriptForCall(
  db: Database,
  code: string,
  options: {
    tags: ScriptTags;
    locale: Locale;
    variables: ScriptVariables;
    segments?: readonly string[];
  },
): Promise<ScriptForCall> {
  const row = await requireScript(db, code);
  const content = storedContent(row)[options.locale];
  const adapted: AdaptedScript = adaptScript(content, options.tags, {
    locale: options.locale,
    segments: options.segments ?? [],
  });
  return {
    code: row.code,
    scenario: row.scenario,
    title: options.locale === 'zh-CN' ? row.titleZh : row.titleEn,
    version: row.version,
    locale: options.locale,
    ...renderScript(adapted, options.variables),
  };
}
