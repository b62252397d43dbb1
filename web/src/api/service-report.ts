import { api, buildUrl } from './client';

export type ReportLanguage = 'zh-CN' | 'en';

type Measures = { spendFen: number | null; minutes: number | null; dataMb: number | null };
type Changes = { spend: number | null; minutes: number | null; dataMb: number | null };

/** GET /api/subscribers/:id/service-report (the server's ServiceReport schema). */
export type ServiceReport = {
  lang: ReportLanguage;
  runId: number;
  asOf: string;
  quarter: { code: string; start: string; end: string; months: string[] };
  previousQuarter: string;
  availableQuarters: string[];
  subscriber: {
    id: number;
    nameMasked: string;
    msisdnMasked: string;
    vipLevel: string;
    planCode: string;
    planName: string;
    city: string;
    tier: string;
  };
  usage: {
    current: Measures & { months: number };
    previous: Measures & { months: number };
    peers: Measures & { count: number };
    quarterSpendFen: number | null;
    vsPrevious: Changes;
    vsPeers: Changes;
    mix: { voice: number; data: number; valueAdded: number } | null;
    sms: null;
  };
  billTrend: { months: string[]; spendFen: (number | null)[] };
  planAdvice: {
    currentAverageFen: number | null;
    suggestions: {
      kind: string;
      targetPlanCode: string | null;
      targetPlanName: string | null;
      monthlyDifferenceFen: number;
    }[];
  };
  benefits: {
    acceptedOffers: { offerCode: string; name: string; acceptedAt: string }[];
    careContacts: number;
    ticketsResolved: number;
  };
  manager: { displayName: string | null; serviceNumber: string; operatorName: string };
  text: {
    title: string;
    period: string;
    greeting: string;
    usageSummary: string;
    mixSummary: string | null;
    peerSummary: string | null;
    adviceSummary: string;
    benefitsSummary: string;
    managerLine: string;
    closing: string;
  };
};

export type ReportQuery = { quarter?: string | undefined; lang: ReportLanguage };

export type ReportJob = {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  quarter: string | null;
  lang: string | null;
  total: number;
  done: number;
  failed: number;
  error: string | null;
  createdBy: number | null;
  createdAt: string;
  finishedAt: string | null;
  fileUrl: string | null;
};

export type BulkReportRequest = {
  quarter?: string;
  lang: ReportLanguage;
  segment: { tier?: string; vipLevels?: string[]; city?: string; limit: number };
};

export function fetchServiceReport(id: number, query: ReportQuery): Promise<ServiceReport> {
  return api.get<ServiceReport>(`/api/subscribers/${id}/service-report`, query);
}

/** The PDF address (the browser follows it with the session cookie). */
export function serviceReportPdfUrl(id: number, query: ReportQuery): string {
  return buildUrl(`/api/subscribers/${id}/service-report.pdf`, query);
}

export function startBulkReports(request: BulkReportRequest): Promise<ReportJob> {
  return api.post<ReportJob>('/api/service-reports/bulk', request);
}

export function fetchReportJob(id: number): Promise<ReportJob> {
  return api.get<ReportJob>(`/api/service-reports/jobs/${id}`);
}
