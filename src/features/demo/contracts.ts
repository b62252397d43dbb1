import { type Day, formatDay } from './calendar';
import type { ChurnPlan } from './churn';
import type { DemoWindow } from './demo-window';
import type { Profile } from './profile';
import { Rng, STREAM } from './random';

export type ContractKind = 'handset' | 'plan_commitment' | 'broadband' | 'prepay';
export type ContractStatus = 'active' | 'ended' | 'cancelled';

export type ContractRow = {
  contractNo: string;
  kind: ContractKind;
  startDate: string;
  endDate: string;
  endDay: Day;
  monthlyCommitmentFen: number;
  status: ContractStatus;
};

const KIND_CODES: Record<ContractKind, string> = {
  handset: 'HT', // 合约机 subsidised handset
  plan_commitment: 'CN', // 承诺消费 minimum-spend commitment
  broadband: 'KD', // 宽带融合 home broadband bundle
  prepay: 'YC', // 预存话费送 prepay-and-get
};

const MONTH = 30.44;

/**
 * The subscriber's agreements: a mix of live and finished ones, as the operator's CRM would export.
 * Premium subscribers hold more handset deals; families more broadband bundles. A planted
 * CONTRACT_EXPIRING replaces the first handset or commitment deal with one ending on cue.
 */
export function drawContracts(window: DemoWindow, profile: Profile, churn: ChurnPlan): ContractRow[] {
  const rng = Rng.for(window.config.seed, profile.index, STREAM.contracts);
  const family = profile.sceneTags.includes('family');
  const wanted: { kind: ContractKind; months: number }[] = [];
  if (rng.chance(profile.brand === 'gotone' ? 0.4 : 0.18))
    wanted.push({ kind: 'handset', months: rng.pick([12, 24, 24]) });
  if (rng.chance(profile.brand === 'gotone' ? 0.25 : 0.12))
    wanted.push({ kind: 'plan_commitment', months: rng.pick([12, 24]) });
  if (rng.chance(family ? 0.5 : 0.12)) wanted.push({ kind: 'broadband', months: rng.pick([12, 24, 36]) });
  if (rng.chance(0.08)) wanted.push({ kind: 'prepay', months: 12 });

  const planted = churn.contractEndDay;
  if (planted !== null) {
    const at = wanted.findIndex((c) => c.kind === 'handset' || c.kind === 'plan_commitment');
    const months = rng.pick([12, 24]);
    const kind: ContractKind = rng.chance(0.6) ? 'handset' : 'plan_commitment';
    if (at >= 0) wanted.splice(at, 1);
    wanted.unshift({ kind, months });
  }

  const rows: ContractRow[] = [];
  wanted.forEach((want, k) => {
    const length = Math.round(want.months * MONTH);
    let endDay: Day;
    if (k === 0 && planted !== null) endDay = planted;
    else endDay = window.asOfEnd - rng.int(0, length + 180) + length;
    const startDay = Math.max(endDay - length, profile.joinDay);
    if (startDay >= endDay) return;
    const startDate = formatDay(startDay);
    rows.push({
      contractNo: `JS${startDate.replaceAll('-', '')}${KIND_CODES[want.kind]}${String(rng.int(0, 99_999)).padStart(5, '0')}${k}`,
      kind: want.kind,
      startDate,
      endDate: formatDay(endDay),
      endDay,
      monthlyCommitmentFen: commitmentFen(rng, want.kind, profile.plan.monthlyFeeFen),
      status: statusAt(window.asOfEnd, endDay, churn),
    });
  });
  return rows;
}

function commitmentFen(rng: Rng, kind: ContractKind, planFeeFen: number): number {
  switch (kind) {
    case 'handset':
      return planFeeFen; // the handset subsidy is paid back by keeping the plan
    case 'plan_commitment':
      return Math.round((planFeeFen * 0.8) / 100) * 100;
    case 'broadband':
      return rng.chance(0.5) ? 0 : 3000;
    case 'prepay':
      return 0;
  }
}

function statusAt(asOf: Day, endDay: Day, churn: ChurnPlan): ContractStatus {
  const churnedOn = churn.churnDay !== null && churn.churnDay <= asOf ? churn.churnDay : null;
  if (churnedOn !== null) return endDay < churnedOn ? 'ended' : 'cancelled';
  return endDay < asOf ? 'ended' : 'active';
}

/** The subscriber record's contract_end: the latest end among live contracts. */
export function latestActiveEnd(contracts: ContractRow[]): string | null {
  let latest: ContractRow | null = null;
  for (const c of contracts) if (c.status === 'active' && (!latest || c.endDay > latest.endDay)) latest = c;
  return latest ? latest.endDate : null;
}
