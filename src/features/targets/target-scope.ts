import type { Actor } from '../auth/actor';

/**
 * Whose targets and results an actor may see: a team lead their own team and its agents (a lead
 * without a team, nobody), admins and analysts every team. Writes are narrower (targets.manage).
 */
export type TeamScope = { kind: 'all' } | { kind: 'team'; teamId: number } | { kind: 'none' };

export function teamScopeOf(actor: Actor): TeamScope {
  switch (actor.role) {
    case 'admin':
    case 'analyst':
      return { kind: 'all' };
    case 'lead':
      return actor.teamId === null ? { kind: 'none' } : { kind: 'team', teamId: actor.teamId };
    case 'agent':
    case 'auditor':
      return { kind: 'none' };
  }
}

/** The one team a scope is narrowed to (a lead's own), or the requested one for everyone-scope. */
export function teamFilterOf(scope: TeamScope, requested: number | undefined): number | null | 'none' {
  if (scope.kind === 'none') return 'none';
  if (scope.kind === 'team') return scope.teamId;
  return requested ?? null;
}
