import type { Brand, VipLevel } from '#src/db/schema/enums';
import { type Day, dayOf, formatDay, yearsBefore } from './calendar';
import type { DemoWindow } from './demo-window';
import { drawIdNumber, drawMsisdn, drawName, type Gender } from './names';
import { drawResidence, type Residence } from './places';
import { PLANS, type Plan, plansOnSale } from './plans';
import { Rng, STREAM } from './random';

export type SceneTag = 'family' | 'business_traveller' | 'student';

/** Who a subscriber is and how they use the phone in an ordinary month. Churn comes on top. */
export type Profile = {
  index: number;
  msisdn: string;
  name: string;
  gender: Gender;
  birthDate: string;
  age: number;
  idNumber: string;
  residence: Residence;
  joinDay: Day;
  brand: Brand;
  plan: Plan;
  isGroupCustomer: boolean;
  vipLevel: VipLevel;
  handsetModel: string | null;
  marketingConsent: boolean;
  doNotCall: boolean;
  profilingOptOut: boolean;
  sceneTags: SceneTag[];
  /** Habits of an ordinary month; daily rows scatter around them. */
  minutesPerMonth: number;
  dataMbPerMonth: number;
  smsPerMonth: number;
  /** Share of data used 00:00–06:00. */
  nightShare: number;
  weekendVoiceFactor: number;
  weekendDataFactor: number;
  minutesPerCall: number;
  outgoingShare: number;
  /** Distinct contacts per call: low for people who ring the same few numbers. */
  contactBreadth: number;
  /** Monthly value-added subscriptions (colour ring, video membership, cloud, family network). */
  valueAddedFen: number;
  /** Chance in a month of a one-off value-added charge (roaming, app purchase). */
  oneOffChance: number;
  /** Typical one-off charge when there is one. */
  oneOffFen: number;
};

const AGE_BANDS: readonly { from: number; to: number; share: number }[] = [
  { from: 18, to: 24, share: 14 },
  { from: 25, to: 34, share: 22 },
  { from: 35, to: 44, share: 21 },
  { from: 45, to: 54, share: 20 },
  { from: 55, to: 64, share: 14 },
  { from: 65, to: 80, share: 9 },
];

/** Tenure in days: intro (< 3 months) through subscribers who joined in the 2G era. */
const TENURE_BANDS: readonly { from: number; to: number; share: number }[] = [
  { from: 5, to: 90, share: 9 },
  { from: 90, to: 365, share: 15 },
  { from: 365, to: 3 * 365, share: 22 },
  { from: 3 * 365, to: 8 * 365, share: 26 },
  { from: 8 * 365, to: 25 * 365, share: 28 },
];

const EARLIEST_JOIN = dayOf('1996-01-01');

const HANDSETS = {
  premium: [
    'HUAWEI Mate 60 Pro',
    'Apple iPhone 15 Pro Max',
    'Apple iPhone 15 Pro',
    'HUAWEI Mate X5',
    'Xiaomi 14 Pro',
    'vivo X100 Pro',
    'OPPO Find X7',
  ],
  mid: [
    'HUAWEI nova 12',
    'Apple iPhone 13',
    'Apple iPhone 14',
    'HONOR 90',
    'OPPO Reno11',
    'vivo S18',
    'Redmi K70',
    'Xiaomi Civi 4',
  ],
  budget: ['Redmi Note 13', 'HUAWEI 畅享 70', 'OPPO A2', 'vivo Y100', 'HONOR X50', 'ZTE 远航 40'],
  elder: ['守护宝 L9', '纽曼 M560', 'HUAWEI 畅享 60'],
};

export function drawProfile(window: DemoWindow, index: number): Profile {
  const rng = Rng.for(window.config.seed, index, STREAM.profile);
  const asOf = window.asOfEnd;
  const band = rng.weighted(AGE_BANDS, (b) => b.share);
  const age = rng.int(band.from, band.to);
  const birthDay = yearsBefore(asOf, age) - rng.int(0, 364);
  const birthDate = formatDay(birthDay);
  const gender: Gender = rng.chance(0.51) ? 'M' : 'F';
  const residence = drawResidence(rng);
  const tenure = rng.weighted(TENURE_BANDS, (b) => b.share);
  // Nobody opens an account before 16 or before the GSM network existed.
  const joinDay = Math.max(asOf - rng.int(tenure.from, tenure.to), yearsBefore(birthDay, -16), EARLIEST_JOIN);
  const tenureYears = (asOf - joinDay) / 365;
  const isStudent = age <= 23 && rng.chance(0.65);
  const isGroupCustomer = !isStudent && rng.chance(age >= 28 && age <= 60 ? 0.085 : 0.03);
  const nightOwl = rng.chance(age <= 28 ? 0.3 : 0.05);

  // Spend appetite: log-normal, median 70 yuan, so roughly one in five sits at 120 yuan or more.
  let appetite = rng.logNormal(70, 0.7);
  if (isStudent) appetite *= 0.5;
  if (age >= 65) appetite *= 0.6;
  if (isGroupCustomer) appetite *= 1.3;
  const brand = chooseBrand(rng, appetite, age, isStudent);
  const plan = choosePlan(rng, brand, appetite, isStudent, nightOwl, tenureYears);

  const sceneTags: SceneTag[] = [];
  if (rng.chance(age >= 28 && age <= 55 ? 0.4 : 0.1)) sceneTags.push('family');
  if (rng.chance((isGroupCustomer || appetite >= 150) && age >= 28 && age <= 60 ? 0.35 : 0.02)) {
    sceneTags.push('business_traveller');
  }
  if (isStudent) sceneTags.push('student');
  const traveller = sceneTags.includes('business_traveller');

  let voiceRatio = rng.logNormal(0.55, 0.35);
  if (age >= 50) voiceRatio *= 1.15;
  if (isStudent) voiceRatio *= 0.6;
  let dataRatio = rng.logNormal(nightOwl ? 0.6 : 0.5, 0.35);
  if (age >= 60) dataRatio *= 0.4;

  const valueAddedFen = drawSubscriptions(rng, age, sceneTags);
  const expectedSpendFen = plan.monthlyFeeFen + valueAddedFen;
  const doNotCall = rng.chance(0.03);
  return {
    index,
    msisdn: drawMsisdn(rng, index, window.config.seed, Number(formatDay(joinDay).slice(0, 4))),
    name: drawName(rng, gender, Number(birthDate.slice(0, 4))),
    gender,
    birthDate,
    age,
    idNumber: drawIdNumber(rng, residence.idRegionCode, birthDate, gender),
    residence,
    joinDay,
    brand,
    plan,
    isGroupCustomer,
    vipLevel: vipLevelFor(rng, expectedSpendFen / 100, tenureYears, isGroupCustomer),
    handsetModel: drawHandset(rng, expectedSpendFen / 100, age),
    marketingConsent: !doNotCall && rng.chance(0.67),
    doNotCall,
    profilingOptOut: rng.chance(0.015),
    sceneTags,
    minutesPerMonth: Math.max(plan.includedMinutes, 60) * voiceRatio * (traveller ? 1.2 : 1),
    dataMbPerMonth: plan.includedDataMb * dataRatio,
    smsPerMonth: rng.logNormal(Math.max(3, plan.includedSms * 0.15), 0.6),
    nightShare: nightShare(rng, nightOwl || plan.nightPack, age),
    weekendVoiceFactor: isStudent || age >= 62 ? rng.between(0.9, 1.1) : rng.between(0.55, 0.8),
    weekendDataFactor: rng.between(1.05, 1.3),
    minutesPerCall: rng.between(1.8, 4),
    outgoingShare: rng.between(0.4, 0.6),
    contactBreadth: rng.between(0.5, 0.85),
    valueAddedFen,
    oneOffChance: traveller ? 0.3 : 0.05,
    oneOffFen: traveller ? rng.int(50, 300) * 100 : rng.int(5, 30) * 100,
  };
}

/** Share of data used 00:00–06:00: night owls stream in bed, the young stay up, their parents sleep. */
function nightShare(rng: Rng, nightOwl: boolean, age: number): number {
  if (nightOwl) return rng.between(0.25, 0.45);
  return age <= 30 ? rng.between(0.08, 0.2) : rng.between(0.03, 0.1);
}

function chooseBrand(rng: Rng, appetite: number, age: number, isStudent: boolean): Brand {
  if (isStudent) return rng.chance(0.9) ? 'mzone' : 'easyown';
  if (appetite >= 85) return 'gotone';
  if (age <= 32) return rng.chance(0.8) ? 'mzone' : 'easyown';
  if (appetite >= 65)
    return rng.weighted(['gotone', 'mzone', 'easyown'] satisfies Brand[], (b) =>
      b === 'gotone' ? 45 : b === 'mzone' ? 20 : 35,
    );
  // 动感地带 is a youth brand: older people hold it mostly as a line their children set up.
  return rng.chance(age <= 45 ? 0.7 : 0.92) ? 'easyown' : 'mzone';
}

function choosePlan(
  rng: Rng,
  brand: Brand,
  appetite: number,
  student: boolean,
  nightOwl: boolean,
  tenureYears: number,
): Plan {
  // The night pack is chosen for the habit it fits (below), never as the budget option.
  const onSale = plansOnSale(brand, student).filter((p) => !p.nightPack);
  const budgetFen = appetite * rng.between(0.85, 1.15) * 100;
  let chosen = onSale[0];
  for (const candidate of onSale) if (candidate.monthlyFeeFen <= budgetFen) chosen = candidate;
  if (!chosen) throw new Error(`no plans on sale for ${brand}`);
  if (
    brand === 'mzone' &&
    nightOwl &&
    !chosen.studentOnly &&
    chosen.monthlyFeeFen <= 3800 &&
    rng.chance(0.5)
  ) {
    return PLANS.find((p) => p.nightPack) ?? chosen;
  }
  const legacy = PLANS.find((p) => !p.isActive && p.brand === brand);
  if (
    legacy &&
    tenureYears >= 8 &&
    chosen.monthlyFeeFen >= 12_800 &&
    chosen.monthlyFeeFen <= 15_800 &&
    rng.chance(0.3)
  ) {
    return legacy;
  }
  return chosen;
}

/** Value-added subscriptions in fen a month: what an ARPU-decline churner cancels first. */
function drawSubscriptions(rng: Rng, age: number, sceneTags: SceneTag[]): number {
  let fen = 0;
  if (rng.chance(age >= 45 ? 0.35 : 0.2)) fen += 500; // 彩铃 colour ring-back tone
  if (rng.chance(age <= 35 ? 0.2 : 0.08)) fen += 1500; // 咪咕视频 video membership
  if (rng.chance(0.08)) fen += 1000; // 和彩云 cloud storage
  if (rng.chance(0.05)) fen += 300; // 手机安全 security service
  if (sceneTags.includes('family') && rng.chance(0.4)) fen += 1000; // 家庭网 family network
  return fen;
}

function vipLevelFor(rng: Rng, spendYuan: number, tenureYears: number, group: boolean): VipLevel {
  const levels: VipLevel[] = ['none', 'silver', 'gold', 'platinum', 'diamond'];
  let rank = 0;
  if (spendYuan >= 380 || (spendYuan >= 280 && tenureYears >= 5)) rank = 4;
  else if (spendYuan >= 180 || (spendYuan >= 128 && tenureYears >= 8)) rank = 3;
  else if (spendYuan >= 120) rank = 2;
  else if ((spendYuan >= 60 && tenureYears >= 1) || (spendYuan >= 40 && tenureYears >= 5)) rank = 1;
  if (group) rank += 1;
  // Star ratings are reviewed once a year, so some lag behind or run ahead of today's spend.
  if (rng.chance(0.05)) rank += rng.chance(0.5) ? 1 : -1;
  return levels[Math.min(4, Math.max(0, rank))] ?? 'none';
}

function drawHandset(rng: Rng, spendYuan: number, age: number): string | null {
  if (rng.chance(0.08)) return null; // bring-your-own phones the operator never saw
  if (age >= 70 && rng.chance(0.5)) return rng.pick(HANDSETS.elder);
  if (spendYuan >= 150) return rng.pick(rng.chance(0.75) ? HANDSETS.premium : HANDSETS.mid);
  if (spendYuan >= 60)
    return rng.pick(rng.chance(0.6) ? HANDSETS.mid : rng.chance(0.5) ? HANDSETS.premium : HANDSETS.budget);
  return rng.pick(rng.chance(0.7) ? HANDSETS.budget : HANDSETS.mid);
}
