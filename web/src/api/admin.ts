import { api } from './client';
import type { AuditPage, AuditQuery, NewUser, ScoringRun, Team, User } from './types-admin';

export function searchAudit(query: AuditQuery): Promise<AuditPage> {
  return api.get<AuditPage>('/api/audit', query);
}

export function fetchUsers(): Promise<{ items: User[] }> {
  return api.get<{ items: User[] }>('/api/users');
}

export function fetchTeams(): Promise<{ items: Team[] }> {
  return api.get<{ items: Team[] }>('/api/teams');
}

export function createUser(user: NewUser): Promise<User> {
  return api.post<User>('/api/users', user);
}

export function disableUser(id: number): Promise<User> {
  return api.post<User>(`/api/users/${id}/disable`);
}

export function enableUser(id: number): Promise<User> {
  return api.post<User>(`/api/users/${id}/enable`);
}

export function endUserSessions(id: number): Promise<{ ended: number }> {
  return api.post<{ ended: number }>(`/api/users/${id}/sessions/end`);
}

export function fetchScoringRuns(): Promise<{ items: ScoringRun[] }> {
  return api.get<{ items: ScoringRun[] }>('/api/scoring/runs');
}
