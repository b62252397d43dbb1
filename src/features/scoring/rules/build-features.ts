import type { PopulationStats, SubscriberFeatures } from '#src/features/scoring/features/subscriber-features';

/**
 * Test factory: a realistic, quiet mid-value subscriber as of 2026-10-31 — 全球通 on a 128-yuan plan
 * for two years, spending about 158 yuan a month, no contract, no complaints, nothing unusual, so no
 * signal fires. Overrides replace fields as given; derived fields (arpu3Fen from spendFen, …) are not
 * recomputed, so a test sets every field its rule reads.
 */
export function buildFeatures(overrides: Partial<SubscriberFeatures> = {}): SubscriberFeatures {
  return {
    subscriberId: 1001,
    asOf: '2026-10-31',
    asOfMonth: '2026-10',
    brand: 'gotone',
    planId: 12,
    planCode: 'GT128',
    planMonthlyFeeFen: 12_800,
    planIncludedMinutes: 500,
    planIncludedDataMb: 20_480,
    city: '杭州',
    district: '西湖区',
    vipLevel: 'gold',
    isGroupCustomer: false,
    status: 'active',
    daysInStatus: 730,
    joinDate: '2024-10-20',
    tenureMonths: 24,
    birthDate: '1986-05-14',
    handsetModel: 'HONOR 90',
    sceneTags: [],
    contractDaysLeft: null,
    contractEnd: null,
    months: ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'],
    spendFen: [15_620, 16_240, 15_500, 16_010, 15_480, 15_880],
    voiceFen: [3_100, 3_400, 2_950, 3_200, 3_050, 3_150],
    dataFen: [10_320, 10_640, 10_350, 10_610, 10_230, 10_530],
    smsFen: [200, 200, 200, 200, 200, 200],
    valueAddedFen: [2_000, 2_000, 2_000, 2_000, 2_000, 2_000],
    overageFen: [0, 0, 0, 0, 0, 0],
    minutes: [410, 452, 398, 430, 405, 421],
    dataMb: [14_200, 15_100, 13_900, 14_800, 14_300, 14_650],
    smsCount: [12, 9, 15, 11, 8, 10],
    billedMonths: 6,
    arpu1Fen: 15_880,
    arpu3Fen: 15_790,
    arpu6Fen: 15_788,
    arpuTrendFenPerMonth: -12,
    voiceShare: 0.2,
    dataShare: 0.66,
    valueAddedShare: 0.13,
    spendChange: 0.026,
    minutesChange: 0.04,
    dataChange: 0.024,
    usageDays30: 30,
    zeroCallDays30: 2,
    longestZeroCallStreak30: 1,
    activeDays30: 30,
    daysSinceLastActivity: 0,
    callsOut30: 92,
    callsIn30: 88,
    minutes30: 421,
    dataMb30: 14_650,
    nightDataShare30: 0.08,
    distinctContacts30: 96,
    competitorHotlineCalls30: 0,
    competitorMarketingContacts30: 0,
    lastCompetitorHotlineDate: null,
    lastCompetitorMarketingDate: null,
    longestZeroCallStreakFrom: '2026-10-11',
    longestZeroCallStreakTo: '2026-10-11',
    complaints90: 0,
    openComplaints: 0,
    overdueComplaints: 0,
    oldestOverdueDueDate: null,
    serviceContacts90: 1,
    consultations180: 0,
    lastBusinessContactDate: null,
    lastComplaintResolvedDate: null,
    revisitLow90: 0,
    lastRevisitScore: null,
    ...overrides,
  };
}

/** Population figures to go with buildFeatures: the default subscriber is an ordinary contributor. */
export function buildPopulation(overrides: Partial<PopulationStats> = {}): PopulationStats {
  return {
    subscribers: 100_000,
    generalValueArpuFen: 16_800,
    highValueArpuFen: 29_800,
    influentialContacts30: 180,
    ...overrides,
  };
}
