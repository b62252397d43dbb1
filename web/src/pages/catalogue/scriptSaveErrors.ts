import { isApiError } from '../../api/client';
import type { LintFinding } from '../../api/types-supervision';
import { bodyIssues } from '../campaigns/formIssues';

/**
 * The findings a refused save carries in `error.details.findings`. The shared API client does not
 * keep `details` yet, so this reads it when present and otherwise returns null (the editor then
 * shows the live lint's findings, which are the same check).
 */
export function refusedFindings(error: unknown): LintFinding[] | null {
  if (!isApiError(error, 'VALIDATION_FAILED')) return null;
  const details: unknown = Reflect.get(error, 'details');
  if (typeof details !== 'object' || details === null) return null;
  const findings: unknown = Reflect.get(details, 'findings');
  return Array.isArray(findings) ? findings : null;
}

/** A save refused for a forbidden phrase (a 400 without field issues). */
export function isPhraseRefusal(error: unknown): boolean {
  return isApiError(error, 'VALIDATION_FAILED') && error.issues.length === 0;
}

/** Field problems by section path: `body.content.zh-CN.opening` → `zh-CN.opening`; titles as `titleZh`. */
export function sectionErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of bodyIssues(error)) {
    const [first, ...rest] = issue.path;
    const key = first === 'content' ? rest.join('.') : issue.path.join('.');
    if (key !== '' && out[key] === undefined) out[key] = issue.message;
  }
  return out;
}
