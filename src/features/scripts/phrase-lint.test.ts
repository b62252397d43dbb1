import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADDED_LINES } from './adapt-script';
import { FORBIDDEN_PHRASE_CODES, FORBIDDEN_PHRASES } from './forbidden-phrases';
import { lintScript, lintText } from './phrase-lint';
import { SEED_SCRIPTS } from './scripts-seed';

// The sentences of the "沟通语句优化" exercise [004], each with the entry that must catch it.
const SEED_004_SENTENCES: [string, string][] = [
  ['你要报出身份证号码，才可以办理本项业务。', 'demand_before_service'],
  ['您说得很有道理，我非常赞同您的观点，但是', 'agree_but'],
  ['当然你会收到，但你必须把名字和地址给我。', 'must'],
  ['你错了，不是那样的！', 'you_are_wrong'],
  ['您还是没有弄明白，这次请听好了。', 'not_understood'],
  ['你必须做。', 'must'],
];

const ENGLISH_SENTENCES: [string, string][] = [
  ['You need to give me your ID number before I can do this.', 'demand_before_service'],
  ["You're right, I completely agree, but the plan is fixed.", 'agree_but'],
  ['You must send us your address.', 'must'],
  ["You're wrong, that's not how it is!", 'you_are_wrong'],
  ["You still don't get it. Listen carefully this time.", 'not_understood'],
  ["Sorry, that's not my department.", 'not_my_job'],
];

describe('lintText', () => {
  it.each(SEED_004_SENTENCES)('catches the training sentence "%s"', (sentence, code) => {
    const findings = lintText(sentence, 'zh-CN');
    expect(findings.map((f) => f.code)).toContain(code);
  });

  it.each(ENGLISH_SENTENCES)('catches the English sentence "%s"', (sentence, code) => {
    expect(lintText(sentence, 'en').map((f) => f.code)).toContain(code);
  });

  it('has a Chinese and an English example for every entry', () => {
    for (const code of FORBIDDEN_PHRASE_CODES) {
      const zh = FORBIDDEN_PHRASES.find((p) => p.code === code && p.locale === 'zh-CN');
      const en = FORBIDDEN_PHRASES.find((p) => p.code === code && p.locale === 'en');
      expect(zh && en, code).toBeTruthy();
      // Each entry's own example phrase is caught by its own pattern.
      expect(lintText(zh?.phrase ?? '', 'zh-CN').map((f) => f.code)).toContain(code);
      expect(lintText(en?.phrase ?? '', 'en').map((f) => f.code)).toContain(code);
    }
  });

  it('points at the words as written, punctuation included', () => {
    const text = '好的。请注意：你，必须…先缴费';
    const [finding] = lintText(text, 'zh-CN');
    expect(finding).toMatchObject({ code: 'must', phrase: '你必须…', match: '你，必须' });
    expect(text.slice(finding?.index, finding?.end)).toBe('你，必须');
    expect(finding?.suggestion).toContain('麻烦您');
  });

  it('catches whitespace, full-width and upper-case variants', () => {
    expect(lintText('您 还是 没有弄明白', 'zh-CN')).toHaveLength(1);
    expect(lintText('你\t错了', 'zh-CN')).toHaveLength(1);
    expect(lintText('ＹＯＵ　ＭＵＳＴ pay', 'en')).toHaveLength(1);
    expect(lintText('You’re   WRONG', 'en')).toHaveLength(1);
    expect(lintText('you - must', 'en')).toHaveLength(1);
  });

  it('does not join two sentences into one phrase', () => {
    expect(lintText('这是给你。必须的材料已经备齐了。', 'zh-CN')).toEqual([]);
    expect(lintText('Thank you. Must-have features are included.', 'en')).toEqual([]);
  });

  it('does not flag the better forms', () => {
    for (const entry of FORBIDDEN_PHRASES) {
      expect(lintText(entry.suggestion, entry.locale), entry.suggestion).toEqual([]);
    }
  });

  it('does not flag friendly sentences that share words with a forbidden phrase', () => {
    const clean = [
      '您不清楚的地方可以随时问我。',
      '我们必须保障您的账户安全，所以需要核对一下信息。',
      '您没有错，是我们的系统延迟了。',
      '如果不是这样的话，我再帮您查一下。',
      '为了保障您的账户安全，麻烦您提供一下机主的身份证号码，核对后我马上为您办理。',
    ];
    for (const text of clean) expect(lintText(text, 'zh-CN'), text).toEqual([]);
    const cleanEn = [
      "You don't have to do anything.",
      "If you don't understand anything, just ask me.",
      'We must keep your account safe.',
    ];
    for (const text of cleanEn) expect(lintText(text, 'en'), text).toEqual([]);
  });

  it('reports one finding for a phrase inside a longer one', () => {
    const findings = lintText('You must give me your ID number before I can help.', 'en');
    expect(findings.map((f) => f.code)).toEqual(['demand_before_service']);
  });

  it('checks both lists when no locale is given (call notes)', () => {
    const findings = lintText('客户说你错了 — told him you must pay', undefined);
    expect(findings.map((f) => [f.locale, f.code])).toEqual([
      ['zh-CN', 'you_are_wrong'],
      ['en', 'must'],
    ]);
  });

  it('catches a Chinese phrase whatever spaces and inner punctuation are put between its characters', () => {
    const separators = fc.constantFrom('', ' ', '  ', '，', '、', '“', '”', '——', '…', '\t', ' , ');
    const phrases = fc.constantFrom('你必须', '你错了', '您还是没有弄明白', '不归我们管');
    fc.assert(
      fc.property(phrases, fc.array(separators, { minLength: 8, maxLength: 8 }), (phrase, gaps) => {
        const chars = [...phrase];
        const text = `好的${chars.map((ch, i) => (i === 0 ? ch : `${gaps[i] ?? ''}${ch}`)).join('')}，谢谢`;
        const findings = lintText(text, 'zh-CN');
        expect(findings).toHaveLength(1);
        const [finding] = findings;
        // The span starts at the phrase's first character and ends at its last.
        expect(text.slice(finding?.index, finding?.end).replace(/[\s\p{P}]/gu, '')).toBe(phrase);
      }),
    );
  });

  it('finds nothing in any mix of the better forms', () => {
    const better = FORBIDDEN_PHRASES.filter((p) => p.locale === 'zh-CN').map((p) => p.suggestion);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...better), { maxLength: 6 }), (parts) => {
        expect(lintText(parts.join(''), 'zh-CN')).toEqual([]);
      }),
    );
  });
});

describe('lintScript', () => {
  it.each(SEED_SCRIPTS.map((s) => [s.code, s] as const))(
    'finds nothing in the seeded script %s',
    (_, script) => {
      expect(lintScript(script.content)).toEqual([]);
    },
  );

  it('finds nothing in the lines adaptations add', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const line of Object.values(ADDED_LINES[locale])) expect(lintText(line, locale), line).toEqual([]);
    }
  });

  it('names the section of each finding, checking each language against its own list', () => {
    const [first] = SEED_SCRIPTS;
    if (!first) throw new Error('no seed scripts');
    const zh = first.content['zh-CN'];
    const content = {
      ...first.content,
      'zh-CN': {
        ...zh,
        objections: zh.objections.map((o, i) =>
          i === 1 ? { ...o, response: `${o.response}你必须今天决定。` } : o,
        ),
      },
      en: { ...first.content.en, closing: "You're wrong about the fee." },
    };
    expect(lintScript(content).map((f) => [f.section, f.code])).toEqual([
      ['zh-CN.objections.1.response', 'must'],
      ['en.closing', 'you_are_wrong'],
    ]);
  });
});
