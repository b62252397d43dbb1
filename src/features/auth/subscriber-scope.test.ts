import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { USER_ROLES, type UserRole } from '#src/db/schema/enums';
import type { Actor } from './actor';
import { permissionsOf } from './permissions';
import { scopeCondition, subscriberScopeOf } from './subscriber-scope';

function actor(role: UserRole, userId: number, teamId: number | null): Actor {
  return {
    userId,
    username: `u${userId}`,
    displayName: `User ${userId}`,
    role,
    teamId,
    permissions: permissionsOf(role),
    sourceIp: null,
  };
}

const dialect = new PgDialect();
const column = sql.raw('s.id');

describe('subscriberScopeOf', () => {
  it('gives an agent their own book, whatever their team', () => {
    expect(subscriberScopeOf(actor('agent', 7, 3))).toEqual({ kind: 'book', agentUserId: 7 });
    expect(subscriberScopeOf(actor('agent', 8, null))).toEqual({ kind: 'book', agentUserId: 8 });
  });

  it("gives a lead their team's books, and nothing without a team", () => {
    expect(subscriberScopeOf(actor('lead', 7, 3))).toEqual({ kind: 'team', teamId: 3 });
    expect(subscriberScopeOf(actor('lead', 7, null))).toEqual({ kind: 'none' });
  });

  it('gives admins and analysts everyone, with or without a team', () => {
    expect(subscriberScopeOf(actor('admin', 1, null))).toEqual({ kind: 'all' });
    expect(subscriberScopeOf(actor('analyst', 2, null))).toEqual({ kind: 'all' });
    expect(subscriberScopeOf(actor('admin', 1, 4))).toEqual({ kind: 'all' });
  });

  it('gives auditors nobody', () => {
    expect(subscriberScopeOf(actor('auditor', 5, null))).toEqual({ kind: 'none' });
    expect(subscriberScopeOf(actor('auditor', 5, 2))).toEqual({ kind: 'none' });
  });

  it('has a scope for every role', () => {
    for (const role of USER_ROLES) {
      expect(['all', 'book', 'team', 'none']).toContain(subscriberScopeOf(actor(role, 1, 1)).kind);
    }
  });
});

describe('scopeCondition', () => {
  it('puts no restriction on everyone', () => {
    expect(scopeCondition({ kind: 'all' }, column)).toBeUndefined();
  });

  it('matches nothing for no scope', () => {
    const condition = scopeCondition({ kind: 'none' }, column);
    expect(condition).toBeDefined();
    if (condition) expect(dialect.sqlToQuery(condition).sql.trim()).toBe('false');
  });

  it("restricts to the agent's book by a bound parameter", () => {
    const condition = scopeCondition({ kind: 'book', agentUserId: 42 }, column);
    if (!condition) throw new Error('a book scope must restrict');
    const query = dialect.sqlToQuery(condition);
    expect(query.sql).toContain('subscriber_books');
    expect(query.sql).toContain('agent_user_id');
    expect(query.sql).toContain('s.id');
    expect(query.params).toEqual([42]);
  });

  it("restricts to the team's books by a bound parameter", () => {
    const condition = scopeCondition({ kind: 'team', teamId: 9 }, column);
    if (!condition) throw new Error('a team scope must restrict');
    const query = dialect.sqlToQuery(condition);
    expect(query.sql).toContain('subscriber_books');
    expect(query.sql).toContain('team_id');
    expect(query.sql).not.toContain('agent_user_id =');
    expect(query.params).toEqual([9]);
  });
});
