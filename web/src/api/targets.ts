import { api, request } from './client';

// Team targets, progress, leaderboard (plans.read; edit with targets.manage) and the daily summary.

export type TargetMetric = 'saves' | 'accepted_offers' | 'reached' | 'spend_fen';
export type TargetLevel = 'realistic' | 'stretch';
export type TargetScope = 'team' | 'agent';
export type TargetStatus = 'ahead' | 'on_track' | 'behind';
export const TARGET_METRICS: readonly TargetMetric[] = ['saves', 'accepted_offers', 'reached', 'spend_fen'];

export type Target = {
  id: number;
  scope: TargetScope;
  teamId: number | null;
  teamName: string | null;
  agentUserId: number | null;
  agentName: string | null;
  year: number;
  metric: TargetMetric;
  level: TargetLevel;
  annualValue: number;
  quarterSteps: number[];
  quarterValues: number[];
  version: number;
  updatedAt: string;
};

export type TargetBody = {
  scope: TargetScope;
  teamId?: number;
  agentUserId?: number;
  year: number;
  metric: TargetMetric;
  level: TargetLevel;
  annualValue: number;
  quarterSteps?: number[];
};

export type LevelProgress = {
  targetId: number;
  annualValue: number;
  quarterTarget: number;
  expectedToDate: number;
  dailyGoal: number | null;
  status: TargetStatus;
};

export type ProgressItem = {
  scope: TargetScope;
  teamId: number | null;
  teamName: string | null;
  agentUserId: number | null;
  agentName: string | null;
  metric: TargetMetric;
  achievedYearToDate: number;
  achievedQuarterToDate: number;
  quarter: number;
  workingDaysRemaining: number;
  realistic: LevelProgress | null;
  stretch: LevelProgress | null;
};

export type TargetProgressList = { year: number; date: string; items: ProgressItem[] };

export type Leaderboard = {
  month: string;
  teamId: number | null;
  metrics: {
    metric: 'saves' | 'accepted_offers' | 'reached';
    leaders: {
      rank: number;
      agentUserId: number;
      displayName: string;
      teamName: string | null;
      value: number;
    }[];
  }[];
};

export type ResultFigures = {
  calls: number;
  reached: number;
  accepted: number;
  saves: number;
  complaints: number;
  spendFen: number;
  ticketsOpened: number;
  slaBreaches: number;
};
export type PlanFigures = { plannedCalls: number; callbacksDue: number; careTasks: number };

export type DailySummary = {
  teamId: number;
  teamName: string;
  date: string;
  resultsDate: string;
  results: { items: (ResultFigures & { agentUserId: number; displayName: string })[]; totals: ResultFigures };
  plan: {
    items: (PlanFigures & { agentUserId: number | null; displayName: string | null })[];
    totals: PlanFigures;
  };
  targets: ProgressItem[];
};

export type SummaryFile = { date: string; teamId: number; bytes: number; url: string };

export const targetKeys = {
  targets: (year: number) => ['targets', year] as const,
  progress: (date: string) => ['targets', 'progress', date] as const,
  leaderboard: (month: string) => ['targets', 'leaderboard', month] as const,
  summary: (date: string, teamId: number | undefined) => ['daily-summary', date, teamId ?? null] as const,
  files: (teamId: number | undefined) => ['daily-summary', 'files', teamId ?? null] as const,
};

export function fetchTargets(year: number): Promise<{ year: number; items: Target[] }> {
  return api.get('/api/targets', { year });
}

/** Creates a target, or changes the one read at `version` (If-Match; a stale one answers 412). */
export function saveTarget(body: TargetBody, version: number | null): Promise<Target> {
  return request<Target>('PUT', '/api/targets', {
    body,
    headers: version === null ? {} : { 'if-match': `"${version}"` },
  });
}

export function fetchTargetProgress(date: string): Promise<TargetProgressList> {
  return api.get('/api/targets/progress', { date });
}

export function fetchLeaderboard(month: string): Promise<Leaderboard> {
  return api.get('/api/targets/leaderboard', { month });
}

export function fetchDailySummary(date: string, teamId: number | undefined): Promise<DailySummary> {
  return api.get('/api/daily-summary', { date, teamId });
}

export function dailySummaryCsvUrl(date: string, teamId: number | undefined, lang: string): string {
  const query = new URLSearchParams({ date, lang: lang === 'en' ? 'en' : 'zh-CN' });
  if (teamId !== undefined) query.set('teamId', String(teamId));
  return `/api/daily-summary.csv?${query.toString()}`;
}

export function fetchSummaryFiles(teamId: number | undefined): Promise<{ items: SummaryFile[] }> {
  return api.get('/api/daily-summary/files', { teamId });
}
