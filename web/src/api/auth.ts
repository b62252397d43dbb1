import { api, isApiError, request } from './client';
import type { Me } from './types';

/** The signed-in user, or null when there is no (valid) session. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/auth/me', undefined, true);
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function signIn(username: string, password: string): Promise<Me> {
  return request<Me>('POST', '/api/auth/sign-in', { body: { username, password }, quiet401: true });
}

export function signOut(): Promise<void> {
  return request<void>('POST', '/api/auth/sign-out', { quiet401: true });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return api.post<void>('/api/auth/password', { currentPassword, newPassword });
}
