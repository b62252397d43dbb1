import type { Segment, SegmentFieldName, SegmentOp } from './segment-rules';

/**
 * Numbered parameters for one raw statement: every value a user typed goes through here, so it is
 * sent apart from the SQL text and never spliced into it. Casts come from a fixed list.
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  add(value: unknown, cast: SqlCast): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

export type SqlCast = 'real' | 'bigint' | 'int' | 'text' | 'boolean' | 'date' | 'text[]';

/**
 * The segment as a WHERE fragment over `sc` (subscriber_scores of one run) and, when a profile field
 * is used, `s` (subscribers joined on s.id = sc.subscriber_id). Column names come only from the map
 * below; `today` anchors tenure and contract-end rules.
 */
export type CompiledSegment = { where: string; needsProfile: boolean };

type ColumnCast = Exclude<SqlCast, 'text[]' | 'date'>;

/** How one field becomes SQL: whether it reads the profile (`s`), and its condition. */
type FieldSql = {
  profile: boolean;
  condition(op: SegmentOp, value: unknown, today: string, params: SqlParameters): string;
};

/** A field that is one expression compared directly with the value. */
function column(expression: string, cast: ColumnCast, profile: boolean): FieldSql {
  return {
    profile,
    condition: (op, value, _today, params) => {
      switch (op) {
        case 'eq':
          return `${expression} = ${params.add(value, cast)}`;
        case 'in':
          return `${expression} = any(${params.add(value, 'text[]')})`;
        case 'gte':
          return `${expression} >= ${params.add(value, cast)}`;
        case 'lte':
          return `${expression} <= ${params.add(value, cast)}`;
        case 'contains_any':
          return `${expression} && ${params.add(value, 'text[]')}`;
      }
    },
  };
}
const score = (name: string, cast: ColumnCast = 'text') => column(`sc.${name}`, cast, false);
const profile = (name: string, cast: ColumnCast = 'text') => column(`s.${name}`, cast, true);

/**
 * Whole months since joining, as bounds on join_date (index-friendly, and PostgreSQL's month
 * arithmetic clamps the 31st the same way on both engines): tenure ≥ n ⇔ joined on or before
 * today − n months; tenure ≤ n ⇔ joined after today − (n + 1) months.
 */
const tenure: FieldSql = {
  profile: true,
  condition: (op, value, today, params) => {
    const atLeast = () =>
      `s.join_date <= ${params.add(today, 'date')} - make_interval(months => ${params.add(value, 'int')})`;
    const atMost = () =>
      `s.join_date > ${params.add(today, 'date')} - make_interval(months => ${params.add(value, 'int')} + 1)`;
    switch (op) {
      case 'gte':
        return atLeast();
      case 'lte':
        return atMost();
      case 'eq':
        return `${atLeast()} and ${atMost()}`;
      case 'in':
      case 'contains_any':
        throw new Error(`tenureMonths does not take ${op}`);
    }
  },
};

/** The whitelist's SQL: the only place a column name is written. */
const FIELD_SQL: Record<SegmentFieldName, FieldSql> = {
  // real, as stored: 0.1 typed by a user must equal the 0.1 a run wrote (0.1000000015 as float8).
  probability: score('probability', 'real'),
  riskBand: score('risk_band'),
  tier: score('tier'),
  lifecycleStage: score('lifecycle_stage'),
  vipKind: score('vip_kind'),
  contributionClass: score('contribution_class'),
  inTargetPool: score('in_target_pool', 'boolean'),
  segments: score('segments'),
  signals: score('signal_codes'),
  revenueAtRiskFen: score('revenue_at_risk_fen', 'bigint'),
  arpu3Fen: score('arpu3_fen', 'bigint'),
  city: score('city'),
  hasKeyMoment: column('(json_array_length(sc.key_moments) > 0)', 'boolean', false),
  vipLevel: profile('vip_level'),
  brand: profile('brand'),
  planCode: {
    profile: true,
    condition: (op, value, _today, params) =>
      op === 'in'
        ? `s.plan_id in (select id from plans where code = any(${params.add(value, 'text[]')}))`
        : `s.plan_id in (select id from plans where code = ${params.add(value, 'text')})`,
  },
  tenureMonths: tenure,
  contractEndsWithinDays: {
    profile: true,
    condition: (_op, value, today, params) => {
      const from = params.add(today, 'date');
      return `s.contract_end between ${from} and ${from} + ${params.add(value, 'int')}`;
    },
  },
  status: profile('status'),
  marketingConsent: profile('marketing_consent', 'boolean'),
  sceneTags: profile('scene_tags'),
};

/** All rules joined with AND; `true` when there are none. */
export function compileSegment(segment: Segment, today: string, params: SqlParameters): CompiledSegment {
  if (segment.rules.length === 0) return { where: 'true', needsProfile: false };
  const conditions = segment.rules.map(
    (rule) => `(${FIELD_SQL[rule.field].condition(rule.op, rule.value, today, params)})`,
  );
  return {
    where: conditions.join(' and '),
    needsProfile: segment.rules.some((rule) => FIELD_SQL[rule.field].profile),
  };
}
