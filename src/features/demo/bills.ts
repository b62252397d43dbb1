import type { MonthDays } from './calendar';
import type { Plan } from './plans';

/** One month's bill in fen, with the usage totals it was charged for. */
export type BillRow = {
  month: string;
  totalFen: number;
  voiceFen: number;
  dataFen: number;
  smsFen: number;
  valueAddedFen: number;
  overageFen: number;
  minutes: number;
  dataTenths: number;
  smsCount: number;
};

export type BilledUsage = { minutes: number; dataTenths: number; smsCount: number };

/** Share of the monthly fee booked as SMS revenue (what is left after voice goes to data). */
const SMS_SHARE = 0.03;

/**
 * Prices a month the way the plan says: the monthly fee (pro rata by day in the month a line opens
 * or closes, allowances likewise), plus overage for every minute, started MB and SMS beyond the
 * allowance, plus value-added charges. The fee is booked to voice, data and SMS by the plan's
 * split, overage to the service that caused it, so overage never exceeds the total.
 */
export function priceMonth(
  plan: Plan,
  month: MonthDays,
  activeDays: number,
  usage: BilledUsage,
  valueAddedFen: number,
): BillRow {
  const share = Math.min(1, activeDays / month.length);
  const feeFen = Math.round(plan.monthlyFeeFen * share);
  const minutesOver = Math.max(0, usage.minutes - Math.floor(plan.includedMinutes * share));
  const dataOverTenths = Math.max(0, usage.dataTenths - Math.floor(plan.includedDataMb * share) * 10);
  const smsOver = Math.max(0, usage.smsCount - Math.floor(plan.includedSms * share));
  const voiceOverFen = minutesOver * plan.overageVoiceFenPerMinute;
  const dataOverFen = Math.ceil(dataOverTenths / 10) * plan.overageDataFenPerMb;
  const smsOverFen = smsOver * plan.overageSmsFen;
  const voiceFeeFen = Math.round(feeFen * plan.voiceShare);
  const smsFeeFen = Math.round(feeFen * SMS_SHARE);
  const dataFeeFen = feeFen - voiceFeeFen - smsFeeFen;
  const voiceFen = voiceFeeFen + voiceOverFen;
  const dataFen = dataFeeFen + dataOverFen;
  const smsFen = smsFeeFen + smsOverFen;
  return {
    month: month.month,
    totalFen: voiceFen + dataFen + smsFen + valueAddedFen,
    voiceFen,
    dataFen,
    smsFen,
    valueAddedFen,
    overageFen: voiceOverFen + dataOverFen + smsOverFen,
    minutes: usage.minutes,
    dataTenths: usage.dataTenths,
    smsCount: usage.smsCount,
  };
}
