import type { CodeGroup } from '../../i18n/codes';

/**
 * The segment-rule whitelist of src/features/campaigns/segment-rules.ts, as the builder needs it:
 * which operators each field takes and what kind of value control to show. The server checks every
 * rule again; this copy only keeps the builder from offering what would be refused.
 */

export const SEGMENT_OPS = ['eq', 'in', 'gte', 'lte', 'contains_any'] as const;
export type SegmentOp = (typeof SEGMENT_OPS)[number];

export type SegmentValueKind =
  | { type: 'number'; min: number; max: number; step: number; integer: boolean; unit?: 'yuan' | 'share' }
  | { type: 'choice'; values: readonly string[]; group: CodeGroup }
  | { type: 'text' }
  | { type: 'boolean' }
  | { type: 'codes'; values: readonly string[]; group: CodeGroup };

export type SegmentFieldSpec = { ops: readonly SegmentOp[]; kind: SegmentValueKind };

const RISK_BANDS = ['low', 'medium', 'high', 'very_high'] as const;
const TIERS = ['high_value', 'potential', 'ordinary', 'churn_warning'] as const;
const LIFECYCLE = ['intro', 'growth', 'mature', 'decline', 'churned'] as const;
const VIP_KINDS = ['high_value', 'high_influence', 'both', 'none'] as const;
const CONTRIBUTION = ['high', 'general', 'ordinary'] as const;
const SEGMENTS = ['price', 'service', 'brand', 'security'] as const;
const SIGNALS = [
  'CONTRACT_EXPIRING',
  'USAGE_DROP',
  'COMPETITOR_MARKETING',
  'ZERO_CALL_DAYS',
  'COMPETITOR_HOTLINE',
  'ARPU_DECLINE',
  'OPEN_COMPLAINT',
  'ARREARS_SUSPENDED',
  'DATA_OVERAGE',
] as const;
const VIP_LEVELS = ['none', 'silver', 'gold', 'platinum', 'diamond'] as const;
const BRANDS = ['gotone', 'mzone', 'easyown'] as const;
const STATUSES = ['active', 'arrears_suspended', 'churned'] as const;
const SCENE_TAGS = ['family', 'business_traveller', 'student'] as const;

const choice = (values: readonly string[], group: CodeGroup): SegmentFieldSpec => ({
  ops: ['eq', 'in'],
  kind: { type: 'choice', values, group },
});
const codes = (values: readonly string[], group: CodeGroup): SegmentFieldSpec => ({
  ops: ['contains_any'],
  kind: { type: 'codes', values, group },
});
const yuan: SegmentFieldSpec = {
  ops: ['gte', 'lte'],
  kind: { type: 'number', min: 0, max: 100_000_000, step: 10, integer: false, unit: 'yuan' },
};
const whole = (max: number, ops: readonly SegmentOp[]): SegmentFieldSpec => ({
  ops,
  kind: { type: 'number', min: 0, max, step: 1, integer: true },
});
const flag: SegmentFieldSpec = { ops: ['eq'], kind: { type: 'boolean' } };
const text: SegmentFieldSpec = { ops: ['eq', 'in'], kind: { type: 'text' } };

export const SEGMENT_FIELDS = {
  probability: {
    ops: ['gte', 'lte'],
    kind: { type: 'number', min: 0, max: 1, step: 0.05, integer: false, unit: 'share' },
  },
  riskBand: choice(RISK_BANDS, 'riskBand'),
  tier: choice(TIERS, 'tier'),
  lifecycleStage: choice(LIFECYCLE, 'lifecycle'),
  vipKind: choice(VIP_KINDS, 'vipKind'),
  contributionClass: choice(CONTRIBUTION, 'contributionClass'),
  inTargetPool: flag,
  segments: codes(SEGMENTS, 'segment'),
  signals: codes(SIGNALS, 'signal'),
  revenueAtRiskFen: yuan,
  arpu3Fen: yuan,
  city: text,
  hasKeyMoment: flag,
  vipLevel: choice(VIP_LEVELS, 'vipLevel'),
  brand: choice(BRANDS, 'brand'),
  planCode: text,
  tenureMonths: whole(1_200, ['eq', 'gte', 'lte']),
  contractEndsWithinDays: whole(3_650, ['lte']),
  status: choice(STATUSES, 'status'),
  marketingConsent: flag,
  sceneTags: codes(SCENE_TAGS, 'sceneTag'),
} as const satisfies Record<string, SegmentFieldSpec>;

export type SegmentFieldName = keyof typeof SEGMENT_FIELDS;
export function isSegmentField(name: string): name is SegmentFieldName {
  return Object.hasOwn(SEGMENT_FIELDS, name);
}

export const SEGMENT_FIELD_NAMES: SegmentFieldName[] = Object.keys(SEGMENT_FIELDS).filter(isSegmentField);

export function fieldSpec(name: string): SegmentFieldSpec | null {
  return isSegmentField(name) ? SEGMENT_FIELDS[name] : null;
}
