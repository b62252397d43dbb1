import type { Brand } from '#src/db/schema/enums';
import type { PlanRow } from '#src/features/ingest/relational/plans.rows';

/**
 * The tariff catalogue of the demo operator, modelled on China Mobile's 2020s consumer plans:
 * 神州行 (easyown) for the thrifty and the elderly, 动感地带 (mzone) for students and young heavy data
 * users, 全球通 (gotone) for the premium 88–588 yuan 5G plans. Overage rates are the published
 * standard ones: 0.19 yuan/min voice, 0.10 yuan/SMS, and data at 0.29 yuan/MB on the old keep-number
 * plan (the classic bill shock), 3 yuan per 100 MB on 5G-era mass plans and 10 yuan/GB on 全球通.
 */
/** A catalogue plan as the importer reads it, plus what the generator needs to simulate it. */
export type Plan = PlanRow & {
  /** Part of the fee the bill books as voice (the rest is data and SMS): how the operator reports revenue. */
  voiceShare: number;
  /** Sold with a night-time data allowance: the plan the optimiser offers to 02:00–04:00 streamers. */
  nightPack: boolean;
  /** Sold only to full-time students (校园卡). */
  studentOnly: boolean;
};

type PlanSpec = Omit<Plan, 'overageVoiceFenPerMinute' | 'overageSmsFen' | 'nightPack' | 'studentOnly'> &
  Partial<Pick<Plan, 'overageVoiceFenPerMinute' | 'nightPack' | 'studentOnly'>>;

const GB = 1024;

function plan(spec: PlanSpec): Plan {
  return {
    overageVoiceFenPerMinute: 19,
    overageSmsFen: 10,
    nightPack: false,
    studentOnly: false,
    ...spec,
  };
}

type BrandDefaults = Pick<Plan, 'brand' | 'isActive' | 'voiceShare' | 'overageDataFenPerMb'> &
  Partial<Pick<Plan, 'overageVoiceFenPerMinute'>>;

const easyown: BrandDefaults = { brand: 'easyown', isActive: true, voiceShare: 0.5, overageDataFenPerMb: 3 };
const mzone: BrandDefaults = { brand: 'mzone', isActive: true, voiceShare: 0.2, overageDataFenPerMb: 3 };
const gotone: BrandDefaults = {
  brand: 'gotone',
  isActive: true,
  voiceShare: 0.35,
  overageVoiceFenPerMinute: 15,
  overageDataFenPerMb: 1,
};

export const PLANS: readonly Plan[] = [
  plan({
    ...easyown,
    code: 'EO08',
    name: '神州行8元保号套餐',
    monthlyFeeFen: 800,
    includedMinutes: 50,
    includedDataMb: 300,
    includedSms: 10,
    overageDataFenPerMb: 29,
  }),
  plan({
    ...easyown,
    code: 'EO19',
    name: '神州行畅聊卡19元',
    monthlyFeeFen: 1900,
    includedMinutes: 100,
    includedDataMb: 3 * GB,
    includedSms: 30,
  }),
  plan({
    ...easyown,
    code: 'EO29',
    name: '神州行大流量卡29元',
    monthlyFeeFen: 2900,
    includedMinutes: 100,
    includedDataMb: 10 * GB,
    includedSms: 30,
  }),
  plan({
    ...easyown,
    code: 'EO39',
    name: '神州行亲情套餐39元',
    monthlyFeeFen: 3900,
    includedMinutes: 300,
    includedDataMb: 10 * GB,
    includedSms: 50,
  }),
  plan({
    ...mzone,
    code: 'MZ18',
    name: '动感地带校园卡18元',
    monthlyFeeFen: 1800,
    includedMinutes: 50,
    includedDataMb: 15 * GB,
    includedSms: 50,
    studentOnly: true,
  }),
  plan({
    ...mzone,
    code: 'MZ28N',
    name: '动感地带夜猫子套餐28元(含夜间流量)',
    monthlyFeeFen: 2800,
    includedMinutes: 100,
    includedDataMb: 20 * GB,
    includedSms: 50,
    nightPack: true,
  }),
  plan({
    ...mzone,
    code: 'MZ38',
    name: '动感地带5G潮玩卡38元',
    monthlyFeeFen: 3800,
    includedMinutes: 100,
    includedDataMb: 20 * GB,
    includedSms: 50,
  }),
  plan({
    ...mzone,
    code: 'MZ58',
    name: '动感地带5G潮玩卡58元',
    monthlyFeeFen: 5800,
    includedMinutes: 200,
    includedDataMb: 40 * GB,
    includedSms: 100,
  }),
  plan({
    ...mzone,
    code: 'MZ78',
    name: '动感地带5G畅玩卡78元',
    monthlyFeeFen: 7800,
    includedMinutes: 300,
    includedDataMb: 60 * GB,
    includedSms: 100,
  }),
  plan({
    ...gotone,
    code: 'GT88',
    name: '全球通5G畅享套餐88元',
    monthlyFeeFen: 8800,
    includedMinutes: 300,
    includedDataMb: 20 * GB,
    includedSms: 100,
  }),
  plan({
    ...gotone,
    code: 'GT128',
    name: '全球通5G畅享套餐128元',
    monthlyFeeFen: 12_800,
    includedMinutes: 500,
    includedDataMb: 30 * GB,
    includedSms: 100,
  }),
  plan({
    ...gotone,
    code: 'GT158',
    name: '全球通5G畅享套餐158元',
    monthlyFeeFen: 15_800,
    includedMinutes: 700,
    includedDataMb: 40 * GB,
    includedSms: 200,
  }),
  plan({
    ...gotone,
    code: 'GT188',
    name: '全球通5G畅享套餐188元',
    monthlyFeeFen: 18_800,
    includedMinutes: 900,
    includedDataMb: 60 * GB,
    includedSms: 200,
  }),
  plan({
    ...gotone,
    code: 'GT288',
    name: '全球通5G尊享套餐288元',
    monthlyFeeFen: 28_800,
    includedMinutes: 1500,
    includedDataMb: 100 * GB,
    includedSms: 300,
  }),
  plan({
    ...gotone,
    code: 'GT388',
    name: '全球通5G尊享套餐388元',
    monthlyFeeFen: 38_800,
    includedMinutes: 2000,
    includedDataMb: 150 * GB,
    includedSms: 300,
  }),
  plan({
    ...gotone,
    code: 'GT588',
    name: '全球通5G尊享套餐588元',
    monthlyFeeFen: 58_800,
    includedMinutes: 3000,
    includedDataMb: 300 * GB,
    includedSms: 500,
  }),
  // Withdrawn from sale in 2019 but still held by long-standing business subscribers: lots of
  // minutes, little data — the kind of plan the optimiser exists to move people off.
  plan({
    ...gotone,
    code: 'GT138L',
    name: '全球通商旅套餐138元(2015版,已停售)',
    isActive: false,
    monthlyFeeFen: 13_800,
    includedMinutes: 1000,
    includedDataMb: 6 * GB,
    includedSms: 200,
    overageDataFenPerMb: 3,
  }),
];

export function planByCode(code: string): Plan {
  const found = PLANS.find((p) => p.code === code);
  if (!found) throw new Error(`no demo plan '${code}'`);
  return found;
}

/** The plans on sale for a brand, cheapest first. */
export function plansOnSale(brand: Brand, student: boolean): Plan[] {
  return PLANS.filter((p) => p.brand === brand && p.isActive && (student || !p.studentOnly)).sort(
    (a, b) => a.monthlyFeeFen - b.monthlyFeeFen,
  );
}
