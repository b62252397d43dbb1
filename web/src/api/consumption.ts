import { api } from './client';

// Consumption analysis (DOMAIN §8): one subscriber (subscribers.view, in scope) and segments
// (analytics.read; a lead sees their team's books). Shapes mirror src/features/consumption/consumption.schemas.ts.

export type ConsumptionNote =
  | 'MIX_IS_3_MONTH_SHARE'
  | 'NO_REVENUE_MIX'
  | 'NIGHT_SHARE_ONLY'
  | 'NO_NIGHT_SHARE';
export type Direction = 'up' | 'down' | 'flat';
export type PeerPosition = 'below_p25' | 'p25_to_median' | 'median_to_p75' | 'above_p75';

export type HistoryChange = {
  last: number | null;
  baselineMean: number | null;
  baselineMonths: number;
  changePct: number | null;
  direction: Direction | null;
};

export type PeerMeasure = {
  value: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  position: PeerPosition | null;
};

export type MonthRevenue = {
  month: string;
  spendFen: number | null;
  voiceFen: number | null;
  dataFen: number | null;
  valueAddedFen: number | null;
  otherFen: number | null;
};

export type ConsumptionMeasure = 'spendFen' | 'minutes' | 'dataMb';

export type SubscriberConsumption = {
  subscriberId: number;
  runId: number;
  asOf: string;
  tier: string;
  city: string;
  lifecycleStage: string;
  months: string[];
  revenue: MonthRevenue[];
  mix: { voice: number; data: number; valueAdded: number; other: number } | null;
  vsHistory: Record<ConsumptionMeasure, HistoryChange>;
  vsPeers: { tier: string; city: string; peers: number; month: string } & Record<
    ConsumptionMeasure,
    PeerMeasure
  >;
  timeOfDay: {
    source: 'series_night_share';
    windowDays: number;
    nightHours: string;
    nightDataShare: number | null;
    dayDataShare: number | null;
    peerMedianNightDataShare: number | null;
  };
  notes: ConsumptionNote[];
};

export type SegmentRow = {
  tier: string | null;
  city: string | null;
  subscribers: number;
  arpuMeanFen: number | null;
  arpuMedianFen: number | null;
  revenue: {
    voiceFen: number;
    dataFen: number;
    valueAddedFen: number;
    otherFen: number;
    voiceShare: number | null;
    dataShare: number | null;
    valueAddedShare: number | null;
  };
  minutesMedian: number | null;
  dataMbMedian: number | null;
  spendFenByMonth: number[];
  spendChangePct: (number | null)[];
};

export type SegmentConsumption = {
  runId: number | null;
  asOf: string | null;
  months: string[];
  filter: { tier: string | null; city: string | null; lifecycleStage: string | null };
  segments: SegmentRow[];
  overall: SegmentRow | null;
};

export type SegmentFilter = { tier?: string; city?: string; lifecycleStage?: string };

export const consumptionKeys = {
  subscriber: (id: number) => ['consumption', 'subscriber', id] as const,
  segments: (filter: SegmentFilter) => ['consumption', 'segments', filter] as const,
};

export function fetchSubscriberConsumption(id: number): Promise<SubscriberConsumption> {
  return api.get<SubscriberConsumption>(`/api/subscribers/${id}/consumption`);
}

export function fetchSegmentConsumption(filter: SegmentFilter): Promise<SegmentConsumption> {
  return api.get<SegmentConsumption>('/api/consumption/segments', filter);
}
