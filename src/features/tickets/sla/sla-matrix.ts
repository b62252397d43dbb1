import { z } from 'zod';
import { VIP_LEVELS, type VipLevel } from '#src/db/schema/enums';

export const TICKET_CATEGORIES = [
  'network_signal',
  'broadband_fault',
  'billing_dispute',
  'plan_change',
  'handset',
  'value_added',
  'other',
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** 'calendar' runs 24×7 (faults are repaired round the clock); 'business' only in business hours. */
export const SLA_CLOCKS = ['business', 'calendar'] as const;
export type SlaClockKind = (typeof SLA_CLOCKS)[number];

type LevelMinutes = Record<VipLevel, number>;
interface CategoryDefaults {
  clock: SlaClockKind;
  limitMinutes: LevelMinutes;
}

const H = 60;
// DOMAIN §10: broadband fault repaired within 24 h, plan change immediate; higher VIP levels get
// shorter limits. Business-hour limits assume a 9-hour day (1080 = two business days).
const CATEGORY_DEFAULTS: Record<TicketCategory, CategoryDefaults> = {
  network_signal: {
    clock: 'calendar',
    limitMinutes: { none: 48 * H, silver: 36 * H, gold: 24 * H, platinum: 18 * H, diamond: 12 * H },
  },
  broadband_fault: {
    clock: 'calendar',
    limitMinutes: { none: 24 * H, silver: 20 * H, gold: 16 * H, platinum: 12 * H, diamond: 8 * H },
  },
  billing_dispute: {
    clock: 'business',
    limitMinutes: { none: 1080, silver: 810, gold: 540, platinum: 360, diamond: 240 },
  },
  plan_change: {
    clock: 'business',
    limitMinutes: { none: 30, silver: 30, gold: 20, platinum: 15, diamond: 10 },
  },
  handset: {
    clock: 'business',
    limitMinutes: { none: 1080, silver: 810, gold: 540, platinum: 540, diamond: 360 },
  },
  value_added: {
    clock: 'business',
    limitMinutes: { none: 540, silver: 540, gold: 360, platinum: 240, diamond: 120 },
  },
  other: {
    clock: 'business',
    limitMinutes: { none: 1080, silver: 900, gold: 720, platinum: 540, diamond: 360 },
  },
};

/**
 * At most a year: due times are computed from these with date arithmetic, and an unbounded limit
 * (the API fuzzer saved 1e15 minutes) would make every ticket opened afterwards fail.
 */
const MAX_MINUTES = 366 * 24 * 60;
const minutes = z.number().int().positive().max(MAX_MINUTES);

function categorySchema(defaults: CategoryDefaults) {
  const limits = defaults.limitMinutes;
  return z
    .object({
      clock: z.enum(SLA_CLOCKS).default(defaults.clock),
      limitMinutes: z
        .strictObject({
          none: minutes.default(limits.none),
          silver: minutes.default(limits.silver),
          gold: minutes.default(limits.gold),
          platinum: minutes.default(limits.platinum),
          diamond: minutes.default(limits.diamond),
        })
        .prefault({}),
    })
    .prefault({})
    .superRefine((category, ctx) => {
      // A higher level never waits longer than a lower one.
      for (let i = 1; i < VIP_LEVELS.length; i++) {
        const lower = VIP_LEVELS[i - 1];
        const level = VIP_LEVELS[i];
        if (!lower || !level) continue;
        if (category.limitMinutes[level] > category.limitMinutes[lower]) {
          ctx.addIssue({
            code: 'custom',
            message: `${level} must not be longer than ${lower} (${category.limitMinutes[lower]} min)`,
            path: ['limitMinutes', level],
          });
        }
      }
    });
}

export const slaMatrixSchema = z.object({
  /** Share of the limit elapsed at which a ticket turns to warning. */
  warningRatio: z.number().gt(0).lt(1).default(0.8),
  escalation: z
    .object({
      /** Minutes on the ticket's own clock after breach; 0 = at breach. */
      groupLeadAfterBreachMinutes: z.number().int().nonnegative().max(MAX_MINUTES).default(0),
      managerAfterBreachMinutes: z
        .number()
        .int()
        .nonnegative()
        .max(MAX_MINUTES)
        .default(4 * H),
    })
    .prefault({})
    .refine((e) => e.managerAfterBreachMinutes > e.groupLeadAfterBreachMinutes, {
      error: 'the manager is escalated to after the group lead',
      path: ['managerAfterBreachMinutes'],
    }),
  categories: z
    .strictObject({
      network_signal: categorySchema(CATEGORY_DEFAULTS.network_signal),
      broadband_fault: categorySchema(CATEGORY_DEFAULTS.broadband_fault),
      billing_dispute: categorySchema(CATEGORY_DEFAULTS.billing_dispute),
      plan_change: categorySchema(CATEGORY_DEFAULTS.plan_change),
      handset: categorySchema(CATEGORY_DEFAULTS.handset),
      value_added: categorySchema(CATEGORY_DEFAULTS.value_added),
      other: categorySchema(CATEGORY_DEFAULTS.other),
    })
    .prefault({}),
});

export type SlaMatrix = z.output<typeof slaMatrixSchema>;
export type SlaMatrixInput = z.input<typeof slaMatrixSchema>;

export const DEFAULT_SLA_MATRIX: SlaMatrix = slaMatrixSchema.parse({});

export class SlaMatrixError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid SLA matrix: ${problems.join('; ')}`);
    this.name = 'SlaMatrixError';
  }
}

/** Parses a matrix, filling defaults; every problem is reported with its path (`categories.plan_change.clock`). */
export function parseSlaMatrix(input: unknown): SlaMatrix {
  const result = slaMatrixSchema.safeParse(input);
  if (result.success) return result.data;
  throw new SlaMatrixError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

/** The terms of one ticket: what its clock needs from the matrix. */
export interface SlaTerms {
  readonly limitMinutes: number;
  readonly clock: SlaClockKind;
  readonly warningRatio: number;
  readonly groupLeadAfterBreachMinutes: number;
  readonly managerAfterBreachMinutes: number;
}

export function slaTermsFor(matrix: SlaMatrix, vipLevel: VipLevel, category: TicketCategory): SlaTerms {
  const entry = matrix.categories[category];
  return {
    limitMinutes: entry.limitMinutes[vipLevel],
    clock: entry.clock,
    warningRatio: matrix.warningRatio,
    groupLeadAfterBreachMinutes: matrix.escalation.groupLeadAfterBreachMinutes,
    managerAfterBreachMinutes: matrix.escalation.managerAfterBreachMinutes,
  };
}
