import { isApiError } from '../../api/client';

/** One field problem of a 400: the path inside the body (e.g. ['segment', 'rules', '2', 'value']) and why. */
export type FieldIssue = { path: string[]; message: string };

/**
 * The field problems of a validation error, with the leading `body.` removed, so a form can show each
 * next to its field; anything else (not an API error, no issues) gives an empty list.
 */
export function bodyIssues(error: unknown): FieldIssue[] {
  if (!isApiError(error)) return [];
  return error.issues
    .filter((issue) => issue.path === 'body' || issue.path.startsWith('body.'))
    .map((issue) => ({ path: issue.path.split('.').slice(1), message: issue.message }));
}

/** Issues whose path starts with `prefix`, with the prefix removed. */
export function issuesUnder(issues: readonly FieldIssue[], prefix: readonly string[]): FieldIssue[] {
  return issues
    .filter((issue) => prefix.every((part, i) => issue.path[i] === part))
    .map((issue) => ({ path: issue.path.slice(prefix.length), message: issue.message }));
}
