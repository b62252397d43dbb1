import { api, request } from './client';
import type { SubscriberFilters, SubscriberList, SubscriberQuery } from './types';
import type { Subscriber360, Tags, TagValues, UnmaskField, UnmaskResult } from './types-360';

export function searchSubscribers(query: SubscriberQuery, lang: string): Promise<SubscriberList> {
  return api.get<SubscriberList>('/api/subscribers', { ...query, lang });
}

export function fetchSubscriberFilters(): Promise<SubscriberFilters> {
  return api.get<SubscriberFilters>('/api/subscribers/filters');
}

/**
 * The CSV of the current filters, fetched rather than followed as a link, so a refusal (the daily
 * limit's 429, a bad reason) is an ApiError the page can show.
 */
export function fetchSubscriberExport(query: SubscriberQuery, lang: string, reason: string): Promise<string> {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return request<string>('GET', '/api/subscribers/export', { query: { ...filters, lang, reason } });
}

export function fetchSubscriber360(id: number, lang: string): Promise<Subscriber360> {
  return api.get<Subscriber360>(`/api/subscribers/${id}/360`, { lang });
}

export function unmaskSubscriber(id: number, reason: string, fields: UnmaskField[]): Promise<UnmaskResult> {
  return api.post<UnmaskResult>(`/api/subscribers/${id}/unmask`, { reason, fields });
}

export function saveSubscriberTags(id: number, tags: TagValues): Promise<Tags> {
  return api.put<Tags>(`/api/subscribers/${id}/tags`, tags);
}
