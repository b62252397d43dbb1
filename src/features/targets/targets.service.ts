import type { Database } from '#src/db/client';
import { type ExpectedVersion, expectedVersionOf } from '#src/features/tickets/ticket-versioning';
import { AppError, notFound } from '#src/lib/app-error';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import {
  EVEN_QUARTER_STEPS,
  quarterStepValues,
  type TargetLevel,
  type TargetMetric,
} from './target-breakdown';
import { teamScopeOf } from './target-scope';
import {
  findTargets,
  findTeam,
  findUserBrief,
  insertTarget,
  lockTarget,
  lockTargetKey,
  type TargetKey,
  type TargetWithNames,
  updateTarget,
} from './targets.repository';
import type { TargetBody, TargetDto } from './targets.schemas';

export function quarterStepsOf(stored: unknown): number[] {
  return Array.isArray(stored) && stored.every((v) => typeof v === 'number')
    ? stored
    : [...EVEN_QUARTER_STEPS];
}

function toDto(row: TargetWithNames): TargetDto {
  const steps = quarterStepsOf(row.quarterSteps);
  return {
    id: row.id,
    scope: row.scope === 'agent' ? 'agent' : 'team',
    teamId: row.teamId,
    teamName: row.teamName,
    agentUserId: row.agentUserId,
    agentName: row.agentName,
    year: row.year,
    metric: row.metric as TargetMetric,
    level: row.level as TargetLevel,
    annualValue: row.annualValue,
    quarterSteps: steps,
    quarterValues: quarterStepValues(row.annualValue, steps),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listTargets(db: Database, actor: Actor, year: number): Promise<TargetDto[]> {
  return (await findTargets(db, year, teamScopeOf(actor))).map(toDto);
}

/**
 * Whose target the body names, checked against the actor: a lead sets targets only for their own
 * team and its agents (403, as planning answers a lead naming another team's agents); an unknown
 * team or agent is 404.
 */
async function ownerOf(
  db: Database,
  actor: Actor,
  body: TargetBody,
): Promise<{
  teamId: number | null;
  agentUserId: number | null;
  teamName: string | null;
  agentName: string | null;
}> {
  const leadTeam = actor.role === 'lead' ? actor.teamId : undefined;
  if (actor.role === 'lead' && leadTeam === null) {
    throw new AppError('FORBIDDEN', 'A team lead without a team has no targets to set');
  }
  if (body.scope === 'team') {
    const team = await findTeam(db, body.teamId ?? -1);
    if (!team) throw notFound('Team');
    if (leadTeam !== undefined && team.id !== leadTeam) {
      throw new AppError('FORBIDDEN', 'A team lead sets targets only for their own team and its agents');
    }
    return { teamId: team.id, agentUserId: null, teamName: team.name, agentName: null };
  }
  const agent = await findUserBrief(db, body.agentUserId ?? -1);
  if (agent?.role !== 'agent') throw notFound('Agent');
  if (leadTeam !== undefined && agent.teamId !== leadTeam) {
    throw new AppError('FORBIDDEN', 'A team lead sets targets only for their own team and its agents');
  }
  if (body.teamId !== undefined && body.teamId !== agent.teamId) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', {
      issues: [
        { path: 'body.teamId', message: `the agent is in team ${agent.teamId ?? 'none'}; leave it out` },
      ],
    });
  }
  const team = agent.teamId === null ? undefined : await findTeam(db, agent.teamId);
  return {
    teamId: agent.teamId,
    agentUserId: agent.id,
    teamName: team?.name ?? null,
    agentName: agent.displayName,
  };
}

/** A stale version: 412 when it came as If-Match, 409 as the body's version (like tickets). */
function assertTargetVersion(expected: ExpectedVersion, current: number): void {
  if (expected.version === current) return;
  const message = `Someone changed this target meanwhile (you sent version ${expected.version}, it is now ${current}); reload and apply your change again`;
  const details = { currentVersion: current };
  throw new AppError(expected.via === 'if-match' ? 'PRECONDITION_FAILED' : 'CONFLICT', message, details);
}

export type PutTargetResult = { target: TargetDto; created: boolean };

/**
 * Creates or changes one target (scope, owner, year, metric, level). Changing names the version
 * read (If-Match or the body's version; none → 428); creating needs none, and a version other than
 * 0 for a target that does not exist yet fails (412 / 409): the writer believed they saw one.
 */
export async function putTarget(
  db: Database,
  actor: Actor,
  body: TargetBody,
  ifMatch: number | null,
  now: Date,
): Promise<PutTargetResult> {
  const owner = await ownerOf(db, actor, body);
  return db.transaction(async (tx) => {
    const key: TargetKey = {
      scope: body.scope,
      teamId: body.scope === 'team' ? owner.teamId : null,
      agentUserId: owner.agentUserId,
      year: body.year,
      metric: body.metric,
      level: body.level,
    };
    await lockTargetKey(tx, key);
    const current = await lockTarget(tx, key);
    const names = { teamName: owner.teamName, agentName: owner.agentName };
    if (!current) {
      const precondition =
        ifMatch === null && body.version === undefined ? null : expectedVersionOf(ifMatch, body.version);
      if (precondition && precondition.version !== 0) assertTargetVersion(precondition, 0);
      const row = await insertTarget(tx, {
        scope: body.scope,
        teamId: owner.teamId,
        agentUserId: owner.agentUserId,
        year: body.year,
        metric: body.metric,
        level: body.level,
        annualValue: body.annualValue,
        quarterSteps: body.quarterSteps ?? [...EVEN_QUARTER_STEPS],
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      await auditActor(tx, actor, {
        action: 'target.update',
        target: `target ${row.id}`,
        details: { ...key, annualValue: row.annualValue, quarterSteps: row.quarterSteps, created: true },
      });
      return { target: toDto({ ...row, ...names }), created: true };
    }
    assertTargetVersion(expectedVersionOf(ifMatch, body.version), current.version);
    const row = await updateTarget(tx, current.id, {
      teamId: owner.teamId,
      annualValue: body.annualValue,
      quarterSteps: body.quarterSteps ?? current.quarterSteps,
      version: current.version + 1,
      updatedAt: now,
    });
    await auditActor(tx, actor, {
      action: 'target.update',
      target: `target ${row.id}`,
      details: {
        ...key,
        before: { annualValue: current.annualValue, quarterSteps: current.quarterSteps },
        after: { annualValue: row.annualValue, quarterSteps: row.quarterSteps },
      },
    });
    return { target: toDto({ ...row, ...names }), created: false };
  });
}
