import { isApiError } from '../../api/client';

/** One problem of a rejected document: where in the document (`rules.2.city`) and why. */
export type SettingsProblem = { path: string; message: string };

/** Drops the envelope around the document (`body.document.rules.2` → `rules.2`). */
function documentPath(path: string): string {
  let parts = path.split('.');
  if (parts[0] === 'body') parts = parts.slice(1);
  // No settings document has a top-level `document` key, so this is always the envelope's.
  if (parts[0] === 'document') parts = parts.slice(1);
  return parts.join('.') || '(root)';
}

/** "rules.2.city: a district rule needs its city" → path and message (a parser's problem strings). */
function splitProblem(text: string): SettingsProblem {
  const match = /^([\w.()-]+):\s*(.*)$/s.exec(text);
  return match?.[1] && match[2] !== undefined
    ? { path: documentPath(match[1]), message: match[2] }
    : { path: '(root)', message: text };
}

/**
 * The problems of a 400, each with its path inside the document: the API's issues, or the problem
 * strings a parser put in the details. Anything else gives an empty list (shown as a plain error).
 */
export function settingsProblems(error: unknown): SettingsProblem[] {
  if (!isApiError(error) || error.status !== 400) return [];
  if (error.issues.length > 0) {
    return error.issues.map((issue) => ({ path: documentPath(issue.path), message: issue.message }));
  }
  const problems = error.details?.problems;
  return Array.isArray(problems) ? problems.map((p) => splitProblem(String(p))) : [];
}

/** The message of the problem at exactly this path, if any (for a field's error state). */
export function problemAt(
  problems: readonly SettingsProblem[],
  path: readonly (string | number)[],
): string | undefined {
  const key = path.join('.');
  return problems.find((problem) => problem.path === key)?.message;
}

/** Whether any problem lies at or under this path (a row, a whole category). */
export function hasProblemUnder(
  problems: readonly SettingsProblem[],
  path: readonly (string | number)[],
): boolean {
  const key = path.join('.');
  return problems.some((problem) => problem.path === key || problem.path.startsWith(`${key}.`));
}
