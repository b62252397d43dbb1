/** A tariff as the optimiser needs it (the plans table's pricing columns). */
export type PlanPricing = {
  code: string;
  monthlyFeeFen: number;
  includedMinutes: number;
  includedDataMb: number;
  includedSms: number;
  overageVoiceFenPerMinute: number;
  overageDataFenPerMb: number;
  overageSmsFen: number;
};

/** One billed month of actual use. */
export type MonthUsage = { minutes: number; dataMb: number; sms: number };

/**
 * What a month of use would have cost on a plan: the monthly fee plus overage beyond each
 * allowance. Data overage is charged per started MB, as operators bill it.
 */
export function monthlyCostFen(plan: PlanPricing, usage: MonthUsage): number {
  const over = (used: number, included: number) => Math.max(0, used - included);
  return (
    plan.monthlyFeeFen +
    over(usage.minutes, plan.includedMinutes) * plan.overageVoiceFenPerMinute +
    Math.ceil(over(usage.dataMb, plan.includedDataMb)) * plan.overageDataFenPerMb +
    over(usage.sms, plan.includedSms) * plan.overageSmsFen
  );
}

export type PlanComparison = {
  code: string;
  /** Average monthly cost over the months given. */
  averageFen: number;
  /** Average monthly saving against the current plan (negative: it would cost more). */
  savingFen: number;
};

/**
 * Every catalogue plan priced on the subscriber's actual months (DOMAIN.md §8, the plan
 * optimiser), cheapest first; the current plan is included so the screen can show it in place.
 * Ties keep catalogue order.
 */
export function comparePlans(
  catalogue: readonly PlanPricing[],
  currentCode: string,
  months: readonly MonthUsage[],
): PlanComparison[] {
  if (months.length === 0) return [];
  const average = (plan: PlanPricing) =>
    Math.round(months.reduce((sum, m) => sum + monthlyCostFen(plan, m), 0) / months.length);
  const current = catalogue.find((p) => p.code === currentCode);
  const currentAverage = current ? average(current) : null;
  return catalogue
    .map((plan) => {
      const averageFen = average(plan);
      return {
        code: plan.code,
        averageFen,
        savingFen: currentAverage === null ? 0 : currentAverage - averageFen,
      };
    })
    .sort((a, b) => a.averageFen - b.averageFen);
}
