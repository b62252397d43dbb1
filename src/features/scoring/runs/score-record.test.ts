import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyTextField } from '#src/db/copy';
import { SIGNAL_CODES } from '#src/features/scoring/rules/churn-signals';
import { KEY_MOMENT_CODES } from '#src/features/scoring/rules/key-moments';
import {
  type ModelReason,
  roundProbability,
  type ScoreRecord,
  type ScoreSeries,
  scoreCopyLine,
} from './score-record';

/**
 * The plain encoding scoreCopyLine is held to: every field through generic JSON and join, as the
 * line was first written. The run's encoder writes the same bytes faster; any difference would
 * change stored scores.
 */
function plainCopyLine(runId: number, modelId: number | null, record: ScoreRecord): string {
  const jsonNumber = (value: number) => (Number.isFinite(value) ? String(value) : 'null');
  const jsonList = (items: readonly unknown[]) => (items.length === 0 ? '[]' : JSON.stringify(items));
  const pgTextArray = (items: readonly string[]) =>
    `{${items.map((item) => `"${item.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
  const reasonsJson = (reasons: readonly ModelReason[]) =>
    `[${reasons
      .map(
        (r) =>
          `{"feature":${JSON.stringify(r.feature)},"contribution":${jsonNumber(r.contribution)},"value":${
            typeof r.value === 'number' ? jsonNumber(r.value) : JSON.stringify(r.value)
          }}`,
      )
      .join(',')}]`;
  const seriesJson = (series: ScoreSeries) => {
    const list = (values: readonly (number | null)[]) =>
      values.map((v) => (v === null ? 'null' : jsonNumber(v))).join(',');
    const mix = series.mix
      ? `{"voice":${jsonNumber(series.mix.voice)},"data":${jsonNumber(series.mix.data)},"valueAdded":${jsonNumber(series.mix.valueAdded)}}`
      : 'null';
    const night = series.nightDataShare == null ? 'null' : jsonNumber(series.nightDataShare);
    return `{"spendFen":[${list(series.spendFen)}],"minutes":[${list(series.minutes)}],"dataMb":[${list(series.dataMb)}],"mix":${mix},"nightDataShare":${night}}`;
  };
  const fields = [
    record.subscriberId,
    runId,
    modelId === null ? '\\N' : modelId,
    roundProbability(record.probability),
    copyTextField(record.riskBand),
    copyTextField(record.tier),
    copyTextField(record.tierReason),
    copyTextField(record.lifecycleStage),
    copyTextField(record.vipKind),
    copyTextField(record.contributionClass),
    record.inTargetPool,
    copyTextField(pgTextArray(record.segments)),
    copyTextField(pgTextArray(record.signals.map((s) => s.code))),
    copyTextField(jsonList(record.signals)),
    copyTextField(reasonsJson(record.reasons)),
    copyTextField(jsonList(record.keyMoments)),
    record.arpu3Fen === null ? '\\N' : Math.round(record.arpu3Fen),
    Math.round(record.revenueAtRiskFen),
    seriesJson(record.series),
    copyTextField(record.city),
  ];
  return `${fields.join('\t')}\n`;
}

// Text with the characters COPY, JSON and array literals escape, and Chinese.
const text = fc.string({
  unit: fc.constantFrom('a', 'Z', '_', '"', '\\', '\t', '\n', '\r', '市', ' ', '{', ','),
});
const number = fc.oneof(
  fc.double(),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.integer({ min: -1e7, max: 1e7 }).map((n) => n / 10),
  fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, 0.1 + 0.2),
);
const series = fc.array(fc.option(number, { nil: null }), { minLength: 6, maxLength: 6 });
const params = fc.dictionary(
  fc.constantFrom('days', 'month', 'from', 'to', 'metric'),
  fc.oneof(text, number),
);

const record: fc.Arbitrary<ScoreRecord> = fc.record({
  subscriberId: fc.integer({ min: 1, max: 2 ** 40 }),
  probability: fc.double({ min: 0, max: 1, noNaN: true }),
  riskBand: fc.constantFrom('low', 'medium', 'high', 'very_high'),
  tier: fc.oneof(fc.constantFrom('ordinary', 'churn_warning'), text),
  tierReason: fc.constantFrom('moderate_value', 'arpu_decline'),
  lifecycleStage: fc.constantFrom('mature', 'decline'),
  vipKind: fc.constantFrom('none', 'high_influence'),
  contributionClass: fc.constantFrom('ordinary', 'general', 'high'),
  inTargetPool: fc.boolean(),
  segments: fc.array(fc.oneof(fc.constantFrom('brand', 'price'), text), { maxLength: 3 }),
  signals: fc.array(fc.record({ code: fc.constantFrom(...SIGNAL_CODES), params }), { maxLength: 3 }),
  reasons: fc.array(
    fc.record({
      feature: fc.oneof(fc.constantFrom('arpu3Fen', 'city'), text),
      contribution: number,
      value: fc.oneof(number, text, fc.constant(null)),
    }),
    { maxLength: 3 },
  ),
  keyMoments: fc.array(
    fc.record({ code: fc.constantFrom(...KEY_MOMENT_CODES), dueDate: fc.constant('2026-10-05'), params }),
    { maxLength: 2 },
  ),
  arpu3Fen: fc.option(number, { nil: null }),
  revenueAtRiskFen: fc.integer({ min: 0, max: 1e9 }).map((n) => n / 7),
  series: fc.record({
    spendFen: series,
    minutes: series,
    dataMb: series,
    mix: fc.option(fc.record({ voice: number, data: number, valueAdded: number }), { nil: null }),
    nightDataShare: fc.option(number, { nil: null }),
  }),
  city: fc.oneof(fc.constantFrom('南京市', '苏州市'), text),
});

describe('scoreCopyLine', () => {
  it('writes exactly the plain field-by-field encoding, special characters and odd numbers included', () => {
    fc.assert(
      fc.property(record, fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }), (r, modelId) => {
        expect(scoreCopyLine(7, modelId, r)).toBe(plainCopyLine(7, modelId, r));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a line on one line and its fields apart whatever the text holds', () => {
    fc.assert(
      fc.property(record, (r) => {
        const line = scoreCopyLine(1, 1, r);
        expect(line.indexOf('\n')).toBe(line.length - 1);
        expect(line.split('\t')).toHaveLength(20);
      }),
      { numRuns: 500 },
    );
  });
});
