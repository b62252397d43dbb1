// Mirrors /tmp/v4/contract.md (console ↔ API contract, issue 4).

export type Role = 'admin' | 'lead' | 'agent' | 'analyst' | 'auditor';

export type Permission =
  | 'subscribers.search'
  | 'subscribers.view'
  | 'subscribers.unmask'
  | 'subscribers.export'
  | 'subscribers.editTags'
  | 'scores.read'
  | 'audit.read'
  | 'users.manage'
  | 'scoring.manage'
  | 'imports.run'
  | 'catalogue.read'
  | 'catalogue.manage'
  | 'decisions.manage'
  | 'campaigns.read'
  | 'campaigns.manage'
  | 'plans.read'
  | 'plans.manage'
  | 'queue.work'
  | 'sms.send'
  | 'contacts.log'
  | 'tickets.read'
  | 'tickets.work'
  | 'tickets.assign'
  | 'service.report'
  | 'workOrders.manage'
  | 'service.manage'
  | 'analytics.read'
  | 'targets.manage'
  | 'reports.generate';

export type Me = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  teamId: number | null;
  teamName: string | null;
  permissions: Permission[];
};

export type ApiIssue = { path: string; message: string };
export type ApiErrorBody = {
  error: {
    code: string;
    message: string;
    requestId: string;
    issues?: ApiIssue[];
    details?: Record<string, unknown>;
  };
};

export type Brand = 'gotone' | 'mzone' | 'easyown';
export type SubscriberStatus = 'active' | 'arrears_suspended' | 'churned';
export type VipLevel = 'none' | 'silver' | 'gold' | 'platinum' | 'diamond';
export type Gender = 'M' | 'F';

export type ListScore = {
  probability: number;
  riskBand: string;
  tier: string;
  lifecycleStage: string;
  vipKind: string;
  signalCodes: string[];
  arpu3Fen: number | null;
};

export type SubscriberListItem = {
  id: number;
  msisdnMasked: string;
  name: string;
  gender: Gender | null;
  province: string;
  city: string;
  district: string | null;
  brand: Brand;
  planCode: string;
  planName: string;
  status: SubscriberStatus;
  vipLevel: VipLevel;
  isGroupCustomer: boolean;
  joinDate: string;
  contractEnd: string | null;
  ownerName: string | null;
  score: ListScore | null;
};

export type SubscriberQuery = {
  q?: string;
  city?: string;
  tier?: string;
  riskBand?: string;
  signal?: string;
  vipLevel?: string;
  status?: string;
  page?: number;
  pageSize?: number;
};

export type SubscriberList = {
  runId: number | null;
  asOf: string | null;
  items: SubscriberListItem[];
  page: number;
  pageSize: number;
  total: number;
  totalCapped: boolean;
};

export type SubscriberFilters = {
  cities: string[];
  tiers: string[];
  riskBands: string[];
  signals: string[];
  vipLevels: string[];
  statuses: string[];
};
