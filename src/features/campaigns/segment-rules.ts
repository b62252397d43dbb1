import { z } from 'zod';
import { BRANDS, SCENE_TAGS, SUBSCRIBER_STATUSES, VIP_LEVELS } from '#src/db/schema/enums';
import { SIGNAL_CODES } from '#src/features/scoring/rules/churn-signals';
import { CONTRIBUTION_CLASSES } from '#src/features/scoring/rules/contribution-class';
import { LIFECYCLE_STAGES } from '#src/features/scoring/rules/lifecycle';
import { OPERATING_TIERS } from '#src/features/scoring/rules/operating-tier';
import { RISK_BANDS } from '#src/features/scoring/rules/risk-band';
import { SENSITIVITY_SEGMENTS } from '#src/features/scoring/rules/sensitivity';
import { VIP_KINDS } from '#src/features/scoring/rules/vip-kind';

/**
 * Who a campaign is for (issue 5 §4): rules over the current scoring run and the subscriber profile,
 * all of which must hold. Only the fields below exist; each says which operators it takes and what a
 * value looks like, so a bad rule is refused at the door with the path of the offending part
 * (`segment.rules.2.value`) and never reaches SQL.
 */

export const SEGMENT_OPS = ['eq', 'in', 'gte', 'lte', 'contains_any'] as const;
export type SegmentOp = (typeof SEGMENT_OPS)[number];

export type SegmentFieldType =
  /** A number compared with gte / lte (and eq for whole numbers). */
  | { type: 'number'; min: number; max: number; integer: boolean }
  /** One value of a closed vocabulary (eq) or any of several (in). */
  | { type: 'choice'; values: readonly string[] }
  /** Free text such as a city or a plan code (eq, in). */
  | { type: 'text' }
  | { type: 'boolean' }
  /** A list column: matches when it holds any of the given codes. */
  | { type: 'codes'; values: readonly string[] };

export type SegmentField = { ops: readonly SegmentOp[]; kind: SegmentFieldType };

const FEN_MAX = 100_000_000_00; // 100 million CNY: far above any subscriber's figures.
const choice = (values: readonly string[]): SegmentField => ({
  ops: ['eq', 'in'],
  kind: { type: 'choice', values },
});
const codes = (values: readonly string[]): SegmentField => ({
  ops: ['contains_any'],
  kind: { type: 'codes', values },
});
const wholeNumber = (max: number, ops: readonly SegmentOp[] = ['eq', 'gte', 'lte']): SegmentField => ({
  ops,
  kind: { type: 'number', min: 0, max, integer: true },
});

/** The whitelist: a field not named here cannot be used, whatever the request says. */
export const SEGMENT_FIELDS = {
  // The current scoring run.
  probability: { ops: ['gte', 'lte'], kind: { type: 'number', min: 0, max: 1, integer: false } },
  riskBand: choice(RISK_BANDS),
  tier: choice(OPERATING_TIERS),
  lifecycleStage: choice(LIFECYCLE_STAGES),
  vipKind: choice(VIP_KINDS),
  contributionClass: choice(CONTRIBUTION_CLASSES),
  inTargetPool: { ops: ['eq'], kind: { type: 'boolean' } },
  segments: codes(SENSITIVITY_SEGMENTS),
  signals: codes(SIGNAL_CODES),
  revenueAtRiskFen: wholeNumber(FEN_MAX, ['gte', 'lte']),
  arpu3Fen: wholeNumber(FEN_MAX, ['gte', 'lte']),
  city: { ops: ['eq', 'in'], kind: { type: 'text' } },
  /** A key moment (birthday, revisit, …) is due: a non-empty key_moments list. */
  hasKeyMoment: { ops: ['eq'], kind: { type: 'boolean' } },
  // The subscriber profile.
  vipLevel: choice(VIP_LEVELS),
  brand: choice(BRANDS),
  planCode: { ops: ['eq', 'in'], kind: { type: 'text' } },
  tenureMonths: wholeNumber(1_200),
  /** The contract ends between today and today + value days. */
  contractEndsWithinDays: wholeNumber(3_650, ['lte']),
  status: choice(SUBSCRIBER_STATUSES),
  marketingConsent: { ops: ['eq'], kind: { type: 'boolean' } },
  sceneTags: codes(SCENE_TAGS),
} as const satisfies Record<string, SegmentField>;

export type SegmentFieldName = keyof typeof SEGMENT_FIELDS;
export const SEGMENT_FIELD_NAMES = [
  'probability',
  'riskBand',
  'tier',
  'lifecycleStage',
  'vipKind',
  'contributionClass',
  'inTargetPool',
  'segments',
  'signals',
  'revenueAtRiskFen',
  'arpu3Fen',
  'city',
  'hasKeyMoment',
  'vipLevel',
  'brand',
  'planCode',
  'tenureMonths',
  'contractEndsWithinDays',
  'status',
  'marketingConsent',
  'sceneTags',
] as const satisfies readonly SegmentFieldName[];

const MAX_LIST = 100;
const textValue = z.string().trim().min(1).max(60);

/** What `value` must look like for this field and operator. */
export function segmentValueSchema(kind: SegmentFieldType, op: SegmentOp): z.ZodType {
  const list = (item: z.ZodType) => z.array(item).min(1).max(MAX_LIST);
  switch (kind.type) {
    case 'number': {
      const base = z.number().min(kind.min).max(kind.max);
      // A fraction (a probability) is compared with a `real` column, which cannot hold magnitudes
      // below 1.2e-38: rounded to a millionth, finer than any threshold means.
      return kind.integer ? base.int() : base.transform((n) => Math.round(n * 1_000_000) / 1_000_000);
    }
    case 'choice': {
      const one = z.enum(kind.values);
      return op === 'in' ? list(one) : one;
    }
    case 'text':
      return op === 'in' ? list(textValue) : textValue;
    case 'boolean':
      return z.boolean();
    case 'codes':
      return list(z.enum(kind.values));
  }
}

export const segmentRuleSchema = z
  .object({
    field: z.enum(SEGMENT_FIELD_NAMES),
    op: z.enum(SEGMENT_OPS),
    value: z.unknown(),
  })
  .transform((rule, ctx) => {
    const field: SegmentField = SEGMENT_FIELDS[rule.field];
    if (!field.ops.includes(rule.op)) {
      ctx.addIssue({
        code: 'custom',
        path: ['op'],
        message: `${rule.field} takes ${field.ops.join(', ')}, not ${rule.op}`,
      });
      return z.NEVER;
    }
    const checked = segmentValueSchema(field.kind, rule.op).safeParse(rule.value);
    if (checked.success) return { ...rule, value: checked.data };
    for (const issue of checked.error.issues) {
      ctx.addIssue({
        code: 'custom',
        path: ['value', ...issue.path],
        message: `${rule.field} ${rule.op}: ${issue.message}`,
      });
    }
    return z.NEVER;
  });
export type SegmentRule = z.infer<typeof segmentRuleSchema>;

/** A segment: every rule must hold (AND); no rules means everyone scored in the current run. */
export const segmentSchema = z.object({ rules: z.array(segmentRuleSchema).max(30) }).strict();
export type Segment = z.infer<typeof segmentSchema>;

/** The segment as stored and sent back (already validated on the way in). */
export const segmentResponseSchema = z.object({
  rules: z.array(z.object({ field: z.string(), op: z.string(), value: z.unknown() })),
});
