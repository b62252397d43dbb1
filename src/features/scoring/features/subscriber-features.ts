/**
 * Everything the scoring rules and the churn model know about one subscriber as of a day: the
 * contract between the feature query (DuckDB, set-based) and the pure rules. Computed only from
 * data on or before `asOf`, so the same shape serves training snapshots without leakage.
 *
 * Conventions: money in integer fen, `null` when there is no data to say (never 0 standing in
 * for "unknown"). Monthly series run oldest → newest and end with the as-of month (the last
 * complete billing month); a month without a bill is `null` in the series.
 */
export type SubscriberFeatures = {
  subscriberId: number;
  /** The day the features describe (YYYY-MM-DD): the last day of the as-of month. */
  asOf: string;
  /** The as-of month, YYYY-MM: "last month" in the DOMAIN.md §4 rules. */
  asOfMonth: string;

  // Profile (relational facts as of asOf)
  brand: string;
  planId: number;
  planCode: string;
  planMonthlyFeeFen: number;
  planIncludedMinutes: number;
  planIncludedDataMb: number;
  city: string;
  district: string | null;
  vipLevel: string;
  isGroupCustomer: boolean;
  /** Status on asOf from the status history: active / arrears_suspended / churned. */
  status: string;
  /** Days the subscriber has been in `status` on asOf. */
  daysInStatus: number;
  joinDate: string;
  tenureMonths: number;
  birthDate: string | null;
  handsetModel: string | null;
  sceneTags: string[];
  /** Days from asOf to the nearest end of an active contract (or the subscriber's contract_end) not
   * before asOf; null when no agreement binds them. */
  contractDaysLeft: number | null;
  /** The contract end date behind contractDaysLeft. */
  contractEnd: string | null;

  // Monthly bills: the last 6 months ending with asOfMonth (length 6, null where no bill)
  months: string[];
  spendFen: (number | null)[];
  voiceFen: (number | null)[];
  dataFen: (number | null)[];
  smsFen: (number | null)[];
  valueAddedFen: (number | null)[];
  overageFen: (number | null)[];
  minutes: (number | null)[];
  dataMb: (number | null)[];
  smsCount: (number | null)[];
  /** Number of months in the series that have a bill. */
  billedMonths: number;
  /** Average monthly spend over the last 1 / 3 / 6 months that have a bill (null: none). */
  arpu1Fen: number | null;
  arpu3Fen: number | null;
  arpu6Fen: number | null;
  /** Least-squares slope of monthly spend over the billed months, fen per month (null: < 2 bills). */
  arpuTrendFenPerMonth: number | null;
  /** Revenue shares over the last 3 billed months, 0..1 (null: no spend). */
  voiceShare: number | null;
  dataShare: number | null;
  valueAddedShare: number | null;
  /** Last month against the month before, as a ratio change (-0.77 = fell 77%); null when either is
   * missing or the earlier is 0. */
  spendChange: number | null;
  minutesChange: number | null;
  dataChange: number | null;

  // Daily usage: the 30 days ending asOf
  /** Days in the 30-day window that have a usage row (0: no usage data for the window at all). */
  usageDays30: number;
  /** Days in the window with no call in or out (days without a row count when usageDays30 > 0). */
  zeroCallDays30: number;
  /** Longest run of consecutive zero-call days in the window. */
  longestZeroCallStreak30: number;
  /** Days with any call or data use. */
  activeDays30: number;
  /** Days since the last day with a call or data use (null: none in the usage data). */
  daysSinceLastActivity: number | null;
  callsOut30: number;
  callsIn30: number;
  minutes30: number;
  dataMb30: number;
  /** Share of data used 00:00–06:00, 0..1 (null: no data use). */
  nightDataShare30: number | null;
  /** Sum of daily distinct contacts (the influence proxy; daily files carry no cross-day distinct). */
  distinctContacts30: number;
  competitorHotlineCalls30: number;
  competitorMarketingContacts30: number;
  /** The date of the last competitor hotline call / marketing contact in the window. */
  lastCompetitorHotlineDate: string | null;
  lastCompetitorMarketingDate: string | null;
  /** Zero-call streak bounds, for evidence ("no calls from 10-03 to 10-09"). */
  longestZeroCallStreakFrom: string | null;
  longestZeroCallStreakTo: string | null;

  // Service: complaints imported from the operator's complaint system and our own tickets (those
  // not mirroring an imported complaint), counted together
  /** Complaints opened in the 90 days ending asOf. */
  complaints90: number;
  /** Complaints open on asOf (opened on or before, not resolved by asOf). */
  openComplaints: number;
  /** Of those, open past their SLA due time on asOf. */
  overdueComplaints: number;
  /** The oldest overdue complaint's due date, for evidence. */
  oldestOverdueDueDate: string | null;
  /** Service contacts (any type, either direction) in the 90 days ending asOf. */
  serviceContacts90: number;
  /** Consultations in the 180 days ending asOf (tariff enquiries: the price-sensitivity proxy). */
  consultations180: number;
  /** The most recent 'business' contact (business handled) on or before asOf, for the revisit moment. */
  lastBusinessContactDate: string | null;
  /** The most recent complaint resolution on or before asOf, for the revisit moment. */
  lastComplaintResolvedDate: string | null;
  /** Satisfaction revisits after a ticket answered 1 or 2 (of 5) in the 90 days ending asOf. */
  revisitLow90: number;
  /** The score (1–5) of the latest revisit answered on or before asOf (null: never answered one). */
  lastRevisitScore: number | null;
};

/**
 * Figures about the whole scored population that percentile rules need (DOMAIN.md §2): computed in
 * the same set-based pass as the features, over subscribers active or suspended on asOf, at the
 * percentiles the scoring settings name.
 */
export type PopulationStats = {
  subscribers: number;
  /** arpu3Fen at the settings' general- and high-value percentiles (P80 / P95 by default), over
   * subscribers with at least one bill. */
  generalValueArpuFen: number;
  highValueArpuFen: number;
  /** distinctContacts30 at the settings' influence percentile (P90 by default: the top decile is
   * "high influence"), over subscribers with usage in the window. */
  influentialContacts30: number;
};

/** The percentiles PopulationStats are taken at (from the scoring settings). */
export type PopulationPercentiles = { generalValue: number; highValue: number; influence: number };
