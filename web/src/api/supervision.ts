import { api } from './client';
import type {
  AgentKpis,
  Campaign,
  CampaignBody,
  CampaignResults,
  DecisionSettings,
  DecisionSettingsVersion,
  LaunchResult,
  LintResult,
  Offer,
  OfferFields,
  OfferList,
  Plan,
  PlanInputs,
  PlanListItem,
  PlanProgress,
  PSaveTable,
  SaveScriptBody,
  SaveSmsTemplateBody,
  ScriptDetail,
  ScriptDocument,
  ScriptList,
  Segment,
  SegmentCount,
  SmsTemplate,
} from './types-supervision';

// Campaigns (campaigns.read / campaigns.manage; a lead sees only their team's).

export function fetchCampaigns(): Promise<{ items: Campaign[] }> {
  return api.get<{ items: Campaign[] }>('/api/campaigns');
}

export function fetchCampaign(id: number): Promise<Campaign> {
  return api.get<Campaign>(`/api/campaigns/${id}`);
}

export function createCampaign(body: CampaignBody): Promise<Campaign> {
  return api.post<Campaign>('/api/campaigns', body);
}

/** 409 once launched: only drafts are replaced. */
export function replaceCampaign(id: number, body: CampaignBody): Promise<Campaign> {
  return api.put<Campaign>(`/api/campaigns/${id}`, body);
}

export function countSegment(segment: Segment, teamId: number | null): Promise<SegmentCount> {
  return api.post<SegmentCount>('/api/campaigns/segment-count', { segment, teamId });
}

/** Draws the members and the stratified holdout now; 409 when already launched. */
export function launchCampaign(id: number): Promise<LaunchResult> {
  return api.post<LaunchResult>(`/api/campaigns/${id}/launch`);
}

export type CampaignMove = 'pause' | 'resume' | 'end';

export function moveCampaign(id: number, move: CampaignMove): Promise<Campaign> {
  return api.post<Campaign>(`/api/campaigns/${id}/${move}`);
}

export function fetchCampaignResults(id: number): Promise<CampaignResults> {
  return api.get<CampaignResults>(`/api/campaigns/${id}/results`);
}

// Offers (catalogue.read / catalogue.manage).

export function fetchOffers(lang: string): Promise<OfferList> {
  return api.get<OfferList>('/api/offers', { lang });
}

export function createOffer(code: string, fields: OfferFields): Promise<Offer> {
  return api.post<Offer>('/api/offers', { ...fields, code });
}

export function updateOffer(code: string, fields: OfferFields): Promise<Offer> {
  return api.put<Offer>(`/api/offers/${encodeURIComponent(code)}`, fields);
}

// Call scripts.

export function fetchScripts(): Promise<ScriptList> {
  return api.get<ScriptList>('/api/scripts');
}

export function fetchScript(code: string, lang: string): Promise<ScriptDetail> {
  return api.get<ScriptDetail>(`/api/scripts/${encodeURIComponent(code)}`, { lang });
}

/** 400 VALIDATION_FAILED (findings in details) when a forbidden phrase is in it; 409 on a stale version. */
export function saveScript(code: string, body: SaveScriptBody, lang: string): Promise<ScriptDetail> {
  return api.put<ScriptDetail>(`/api/scripts/${encodeURIComponent(code)}?lang=${lang}`, body);
}

export function lintScriptDraft(content: ScriptDocument): Promise<LintResult> {
  return api.post<LintResult>('/api/scripts/lint', { content });
}

// SMS templates.

export function fetchSmsTemplates(): Promise<{ items: SmsTemplate[] }> {
  return api.get<{ items: SmsTemplate[] }>('/api/sms/templates');
}

export function saveSmsTemplate(code: string, body: SaveSmsTemplateBody): Promise<SmsTemplate> {
  return api.put<SmsTemplate>(`/api/sms/templates/${encodeURIComponent(code)}`, body);
}

// Next-best-action levers (decisions.manage).

export function fetchDecisionSettings(): Promise<DecisionSettingsVersion> {
  return api.get<DecisionSettingsVersion>('/api/decisions/settings');
}

export function saveDecisionSettings(
  settings: DecisionSettings,
  note?: string,
): Promise<DecisionSettingsVersion> {
  return api.put<DecisionSettingsVersion>('/api/decisions/settings', { settings, note });
}

export function fetchPSave(): Promise<PSaveTable> {
  return api.get<PSaveTable>('/api/decisions/p-save');
}

// Agent KPIs (plans.read; a lead sees their team).

export function fetchAgentKpis(from: string, to: string): Promise<AgentKpis> {
  return api.get<AgentKpis>('/api/kpis/agents', { from, to });
}

// Call plans (plans.read / plans.manage; a lead plans and sees their own team).

/** Builds the day's plan now (synchronously); 400 names a bad shift or day. */
export function buildPlan(inputs: PlanInputs): Promise<Plan> {
  return api.post<Plan>('/api/plans', inputs);
}

export function fetchPlans(day: string): Promise<{ items: PlanListItem[] }> {
  return api.get<{ items: PlanListItem[] }>('/api/plans', { day });
}

export function fetchPlan(id: number): Promise<Plan> {
  return api.get<Plan>(`/api/plans/${id}`);
}

export function fetchPlanProgress(id: number): Promise<PlanProgress> {
  return api.get<PlanProgress>(`/api/plans/${id}/progress`);
}

/** React Query keys of these pages (invalidate by prefix, e.g. ['campaigns']). */
export const svKeys = {
  campaigns: ['campaigns'] as const,
  campaign: (id: number) => ['campaigns', id] as const,
  campaignResults: (id: number) => ['campaigns', id, 'results'] as const,
  offers: (lang: string) => ['catalogue', 'offers', lang] as const,
  scripts: ['catalogue', 'scripts'] as const,
  script: (code: string, lang: string) => ['catalogue', 'scripts', code, lang] as const,
  smsTemplates: ['catalogue', 'sms-templates'] as const,
  decisionSettings: ['decisions', 'settings'] as const,
  pSave: ['decisions', 'p-save'] as const,
  kpis: (from: string, to: string) => ['kpis', 'agents', from, to] as const,
  plans: (day: string) => ['plans', 'day', day] as const,
  plan: (id: number) => ['plans', id] as const,
  planProgress: (id: number) => ['plans', id, 'progress'] as const,
};
