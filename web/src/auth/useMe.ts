import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api/auth';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

/** The signed-in user (null when signed out); undefined while loading. */
export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}
