import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AGENT_TAG_VALUES } from '#src/features/subscribers/agent-tags';
import { ADDED_LINES, adaptScript, type ScriptTags } from './adapt-script';
import type { ScriptLanguageContent } from './script-content';
import { SCRIPT_HINT_CODES, SCRIPT_HINT_TEXT, scriptHintText } from './script-hints';
import { SEED_SCRIPTS } from './scripts-seed';

const seed = SEED_SCRIPTS.find((s) => s.code === 'retention_service_marketing');
if (!seed) throw new Error('seed script missing');
const zh: ScriptLanguageContent = seed.content['zh-CN'];
const en: ScriptLanguageContent = seed.content.en;

const keys = (tags: ScriptTags, content = zh) =>
  adaptScript(content, tags, { locale: 'zh-CN' }).steps.map((s) => s.key);
const hintCodes = (tags: ScriptTags, segments: string[] = []) =>
  adaptScript(zh, tags, { locale: 'zh-CN', segments }).hints.map((h) => h.code);

describe('adaptScript', () => {
  it('reads the script as written when no tag is recorded', () => {
    const adapted = adaptScript(zh, {}, { locale: 'zh-CN' });
    expect(adapted.steps).toEqual([
      { key: 'opening', text: zh.opening },
      { key: 'purpose', text: zh.purpose },
      { key: 'disclosure', text: zh.disclosure },
      { key: 'closing', text: zh.closing },
    ]);
    expect(adapted.objections).toEqual(zh.objections);
    expect(adapted.hints).toEqual([]);
  });

  it('leads with facts and keeps it short for an eagle or an owl', () => {
    for (const personality of ['eagle', 'owl']) {
      expect(keys({ personality })).toEqual(['opening', 'disclosure', 'purpose', 'closing']);
      const adapted = adaptScript(zh, { personality }, { locale: 'zh-CN' });
      expect(adapted.hints).toContainEqual({
        code: 'keep_short',
        params: { tag: 'personality', value: personality, seconds: 30 },
      });
      expect(adapted.hints.map((h) => h.code)).toContain('lead_with_facts');
    }
  });

  it('reassures a dove before the purpose, in the call language', () => {
    const adapted = adaptScript(en, { personality: 'dove' }, { locale: 'en' });
    expect(adapted.steps.map((s) => s.key)).toEqual([
      'opening',
      'reassure',
      'purpose',
      'disclosure',
      'closing',
    ]);
    expect(adapted.steps[1]?.text).toBe(ADDED_LINES.en.reassure);
    expect(adapted.hints).toEqual([{ code: 'reassure', params: { tag: 'personality', value: 'dove' } }]);
  });

  it('opens an angry or complaining call by acknowledging and holds the offer back', () => {
    for (const mood of ['angry', 'complaining']) {
      const adapted = adaptScript(zh, { mood, personality: 'eagle' }, { locale: 'zh-CN' });
      expect(adapted.steps.map((s) => s.key)).toEqual([
        'opening',
        'acknowledge',
        'checkpoint',
        'disclosure',
        'purpose',
        'closing',
      ]);
      expect(adapted.steps[1]?.text).toBe(ADDED_LINES['zh-CN'].acknowledge);
      expect(adapted.hints.slice(0, 2)).toEqual([
        { code: 'acknowledge_first', params: { tag: 'mood', value: mood } },
        { code: 'hold_offer', params: { tag: 'mood', value: mood } },
      ]);
    }
    expect(keys({ mood: 'rational' })).toEqual(['opening', 'purpose', 'disclosure', 'closing']);
  });

  it('puts the price objection first for a practical spender, a resistant buyer or the price segment', () => {
    // The price objection written last, so moving it is visible.
    const priceLast = {
      ...zh,
      objections: [
        ...zh.objections.filter((o) => o.trigger !== 'price'),
        ...zh.objections.filter((o) => o.trigger === 'price'),
      ],
    };
    const original = priceLast.objections.map((o) => o.trigger);
    expect(original.at(-1)).toBe('price');
    const cases: [ScriptTags, string[], { tag: string; value: string }][] = [
      [{ consumptionHabit: 'practical' }, [], { tag: 'consumptionHabit', value: 'practical' }],
      [{ purchasePsychology: 'resistant' }, [], { tag: 'purchasePsychology', value: 'resistant' }],
      [{}, ['price'], { tag: 'segment', value: 'price' }],
    ];
    for (const [tags, segments, because] of cases) {
      const adapted = adaptScript(priceLast, tags, { locale: 'zh-CN', segments });
      // Nothing is lost or duplicated, and the others keep their order.
      expect(adapted.objections.map((o) => o.trigger)).toEqual([
        'price',
        ...original.filter((t) => t !== 'price'),
      ]);
      expect(adapted.hints).toContainEqual({ code: 'price_objection_first', params: because });
    }
    expect(hintCodes({ consumptionHabit: 'expressive' })).not.toContain('price_objection_first');
  });

  it('says nothing about the price objection when the script has none', () => {
    const noPrice = { ...zh, objections: zh.objections.filter((o) => o.trigger !== 'price') };
    const adapted = adaptScript(noPrice, { consumptionHabit: 'practical' }, { locale: 'zh-CN' });
    expect(adapted.hints.map((h) => h.code)).not.toContain('price_objection_first');
  });

  it('repeats the tariff disclosure before closing for an impulsive buyer', () => {
    const adapted = adaptScript(zh, { consumptionHabit: 'impulsive' }, { locale: 'zh-CN' });
    expect(adapted.steps.map((s) => s.key)).toEqual(['opening', 'purpose', 'disclosure', 'closing']);
    // Already right before the close: no repeat. Led with facts (eagle): repeated before the close.
    const eagle = adaptScript(
      zh,
      { consumptionHabit: 'impulsive', personality: 'eagle' },
      { locale: 'zh-CN' },
    );
    expect(eagle.steps.map((s) => s.key)).toEqual([
      'opening',
      'disclosure',
      'purpose',
      'confirm_disclosure',
      'closing',
    ]);
    expect(eagle.steps[3]?.text).toBe(zh.disclosure);
    expect(adapted.hints.map((h) => h.code)).toEqual(['confirm_tariff']);
  });

  it('hints the manner for buying psychology, complaint psychology and communication style', () => {
    expect(hintCodes({ purchasePsychology: 'dominant' })).toEqual(['offer_choice_close']);
    expect(hintCodes({ purchasePsychology: 'counselled' })).toEqual(['ask_before_offer']);
    expect(hintCodes({ complaintPsychology: 'respect_seeking' })).toEqual(['show_respect']);
    expect(hintCodes({ personality: 'peacock', consumptionHabit: 'expressive' })).toEqual([
      'praise_sincerely',
    ]);
    const visual = adaptScript(zh, { communicationStyle: 'visual' }, { locale: 'zh-CN' }).hints;
    expect(visual).toEqual([
      {
        code: 'match_words',
        params: { tag: 'communicationStyle', value: 'visual', words: '看看、清楚、一目了然' },
      },
    ]);
  });

  it('ignores tag values it does not know', () => {
    expect(adaptScript(zh, { personality: 'lion', mood: 'sleepy' }, { locale: 'zh-CN' }).hints).toEqual([]);
  });

  it('keeps every section and objection whatever the tags (property)', () => {
    const tagValue = <T extends readonly string[]>(values: T) => fc.option(fc.constantFrom(...values));
    const tags = fc.record({
      personality: tagValue(AGENT_TAG_VALUES.personality),
      mood: tagValue(AGENT_TAG_VALUES.mood),
      purchasePsychology: tagValue(AGENT_TAG_VALUES.purchasePsychology),
      communicationStyle: tagValue(AGENT_TAG_VALUES.communicationStyle),
      consumptionHabit: tagValue(AGENT_TAG_VALUES.consumptionHabit),
      complaintPsychology: tagValue(AGENT_TAG_VALUES.complaintPsychology),
    });
    fc.assert(
      fc.property(
        tags,
        fc.constantFrom(...SEED_SCRIPTS),
        fc.constantFrom('zh-CN' as const, 'en' as const),
        (t, script, locale) => {
          const content = script.content[locale];
          const adapted = adaptScript(content, t, { locale });
          const texts = adapted.steps.map((s) => s.text);
          for (const section of [content.opening, content.purpose, content.disclosure, content.closing]) {
            expect(texts).toContain(section);
          }
          expect(adapted.steps[0]?.key).toBe('opening');
          expect(adapted.steps.at(-1)?.key).toBe('closing');
          expect([...adapted.objections].sort((a, b) => a.trigger.localeCompare(b.trigger))).toEqual(
            [...content.objections].sort((a, b) => a.trigger.localeCompare(b.trigger)),
          );
          expect(new Set(adapted.hints.map((h) => h.code)).size).toBe(adapted.hints.length);
        },
      ),
    );
  });
});

describe('script hints', () => {
  it('has reference wording for every hint in both languages, with its params filled', () => {
    for (const code of SCRIPT_HINT_CODES) {
      expect(SCRIPT_HINT_TEXT[code]['zh-CN'].length).toBeGreaterThan(0);
      expect(SCRIPT_HINT_TEXT[code].en.length).toBeGreaterThan(0);
    }
    expect(
      scriptHintText(
        { code: 'keep_short', params: { tag: 'personality', value: 'eagle', seconds: 30 } },
        'en',
      ),
    ).toBe('Keep it short: make the point within 30 seconds.');
  });
});
