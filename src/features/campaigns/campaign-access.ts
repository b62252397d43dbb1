import type { Database } from '#src/db/client';
import { AppError, notFound } from '#src/lib/app-error';
import type { Actor } from '../auth/actor';
import { type CampaignRow, findCampaignById } from './campaigns.repository';

/**
 * Which campaigns an actor may see and run: admins and analysts all of them; a lead only their own
 * team's (they build campaigns over their team's books and nobody else's); anyone else none.
 */
export type CampaignScope = { kind: 'all' } | { kind: 'team'; teamId: number } | { kind: 'none' };

export function campaignScopeOf(actor: Actor): CampaignScope {
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

export function campaignInScope(scope: CampaignScope, campaign: Pick<CampaignRow, 'teamId'>): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'team':
      return campaign.teamId === scope.teamId;
    case 'none':
      return false;
  }
}

/** The campaign if the actor may touch it; out of scope answers exactly like a missing id. */
export async function requireCampaignInScope(db: Database, actor: Actor, id: number): Promise<CampaignRow> {
  const campaign = await findCampaignById(db, id);
  if (!campaign || !campaignInScope(campaignScopeOf(actor), campaign)) throw notFound('Campaign');
  return campaign;
}

/**
 * The team a campaign (or a segment count) is limited to: a lead's own team whatever they asked
 * for; for everyone else what they asked for (null: all books).
 */
export function effectiveTeamId(actor: Actor, requested: number | null): number | null {
  const scope = campaignScopeOf(actor);
  switch (scope.kind) {
    case 'all':
      return requested;
    case 'team':
      return scope.teamId;
    case 'none':
      throw new AppError('FORBIDDEN', 'Campaigns need a team: this account has none');
  }
}
