import { describe, expect, it } from 'vitest';
import {
  OBJECTION_TRIGGERS,
  SCRIPT_SCENARIOS,
  scriptContentSchema,
  unknownVariablesInScript,
} from './script-content';
import { SEED_SCRIPTS } from './scripts-seed';

const SHARED_CODES = [
  'retention_service_marketing',
  'retention_competitor_winback',
  'care_revisit',
  'care_key_moment',
  'upsell_new_business',
  'questionnaire_satisfaction',
];

const [base] = SEED_SCRIPTS;
if (!base) throw new Error('no seed scripts');

describe('script content', () => {
  it('seeds the six shared script codes, one per scenario, each valid in both languages', () => {
    expect(SEED_SCRIPTS.map((s) => s.code)).toEqual(SHARED_CODES);
    expect(new Set(SEED_SCRIPTS.map((s) => s.scenario))).toEqual(new Set(SCRIPT_SCENARIOS));
    for (const script of SEED_SCRIPTS) {
      const parsed = scriptContentSchema.safeParse(script.content);
      expect(parsed.success, `${script.code}: ${parsed.error?.message}`).toBe(true);
      // The translation answers the same objections as the original.
      expect(script.content.en.objections.map((o) => o.trigger)).toEqual(
        script.content['zh-CN'].objections.map((o) => o.trigger),
      );
    }
  });

  it('prepares the price, need and competitor objections somewhere in the catalogue', () => {
    const triggers = new Set(
      SEED_SCRIPTS.flatMap((s) => s.content['zh-CN'].objections.map((o) => o.trigger)),
    );
    for (const trigger of ['price', 'need', 'competitor', 'busy', 'think_about_it'])
      expect(triggers).toContain(trigger);
    for (const trigger of triggers) expect(OBJECTION_TRIGGERS).toContain(trigger);
  });

  it('refuses an unknown placeholder, naming the section and the placeholder', () => {
    const content = {
      ...base.content,
      en: { ...base.content.en, objections: [{ trigger: 'price', response: 'Only {pricePerDay} a day' }] },
    };
    const parsed = scriptContentSchema.safeParse(content);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message.split(';')[0]])).toEqual([
      ['en.objections.0.response', 'unknown variable {pricePerDay}'],
    ]);
  });

  it('refuses an empty section, a missing language and a repeated objection trigger', () => {
    const zh = base.content['zh-CN'];
    const broken = {
      'zh-CN': { ...zh, closing: '  ', objections: [zh.objections[0], zh.objections[0]] },
    };
    const parsed = scriptContentSchema.safeParse(broken);
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(
      ['en', 'zh-CN.closing', 'zh-CN.objections.1.trigger'].sort(),
    );
  });

  it('lists unknown placeholders of a draft by section without refusing it', () => {
    expect(
      unknownVariablesInScript({
        'zh-CN': {
          opening: '{name}您好',
          purpose: '',
          disclosure: '',
          closing: '{agentName}',
          objections: [],
        },
      }),
    ).toEqual([{ section: 'zh-CN.opening', name: 'name' }]);
  });
});
