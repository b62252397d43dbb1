import type { Locale } from './script-content';

/**
 * What an adaptation changed or advises, as a code with params (the tag and value that caused it,
 * plus any figures). The console renders them; the texts below are the reference wording, from the
 * training material [000][004].
 */
export const SCRIPT_HINT_CODES = [
  'acknowledge_first',
  'hold_offer',
  'stay_patient',
  'let_them_vent',
  'show_respect',
  'explain_remedy',
  'lead_with_facts',
  'keep_short',
  'offer_written_details',
  'reassure',
  'praise_sincerely',
  'offer_choice_close',
  'explain_benefits',
  'ask_before_offer',
  'no_hard_sell',
  'confirm_tariff',
  'price_objection_first',
  'match_words',
] as const;
export type ScriptHintCode = (typeof SCRIPT_HINT_CODES)[number];

export type ScriptHint = { code: ScriptHintCode; params: Record<string, string | number> };

export const SCRIPT_HINT_TEXT: Record<ScriptHintCode, Record<Locale, string>> = {
  acknowledge_first: {
    'zh-CN': '客户情绪不佳：开场后先致歉、认同感受，再谈其他。',
    en: 'The customer is upset: after the greeting, apologise and acknowledge their feelings first.',
  },
  hold_offer: {
    'zh-CN': '先处理心情，再处理事情：问题落实之前不介绍优惠。',
    en: 'Feelings first, then the matter: no offer until the issue is in hand.',
  },
  stay_patient: {
    'zh-CN': '难缠型客户：放慢语速，多确认、多复述，不与客户争辩。',
    en: 'A difficult customer: slow down, confirm and repeat back, never argue.',
  },
  let_them_vent: {
    'zh-CN': '发泄型：让客户说完，不打断，适时回应“我明白”。',
    en: 'Venting: let them finish without interrupting; say "I understand" at the right moments.',
  },
  show_respect: {
    'zh-CN': '求尊重型：称呼客户姓氏，真诚道歉，说明由您本人负责跟进。',
    en: 'Respect-seeking: address them by name, apologise sincerely, say you will follow it through yourself.',
  },
  explain_remedy: {
    'zh-CN': '求偿型：先核实事实，再说明能提供的补偿及其规则，不随意承诺。',
    en: 'Compensation-seeking: check the facts, then explain what can be offered and on what terms; promise nothing loosely.',
  },
  lead_with_facts: {
    'zh-CN': '先讲事实和数字（资费、节省金额），再讲方案。',
    en: 'Lead with facts and figures (charges, saving), then the plan.',
  },
  keep_short: {
    'zh-CN': '简洁：{seconds}秒内说清重点。',
    en: 'Keep it short: make the point within {seconds} seconds.',
  },
  offer_written_details: {
    'zh-CN': '分析型客户：主动提出短信发送完整资费明细。',
    en: 'An analytical customer: offer to text the full charges.',
  },
  reassure: {
    'zh-CN': '和平型客户：多给安心感，强调一切由客户决定。',
    en: 'A steady customer: reassure, and stress that the decision is theirs.',
  },
  praise_sincerely: {
    'zh-CN': '表现型客户：适度、真诚地赞美，描绘使用场景。',
    en: 'An expressive customer: praise sincerely and paint the scene of use.',
  },
  offer_choice_close: {
    'zh-CN': '主导型：需求明确，直接给出二选一，促成办理。',
    en: 'Dominant buyer: they know what they want; offer a choice of two and close.',
  },
  explain_benefits: {
    'zh-CN': '引导型：了解需求但不了解产品，讲清功能和对客户的好处。',
    en: 'Guided buyer: knows the need, not the product; explain features and what they gain.',
  },
  ask_before_offer: {
    'zh-CN': '疏导型：先提问（信息、问题、影响、解决），帮客户找到需求再推荐。',
    en: 'Counselled buyer: ask first (facts, problem, impact, solution) to find the need, then recommend.',
  },
  no_hard_sell: {
    'zh-CN': '诱导型：反感推销，以关怀和咨询为主，不强推。',
    en: 'Resistant buyer: dislikes selling; lead with care and advice, no pressure.',
  },
  confirm_tariff: {
    'zh-CN': '冲动型：成交前再次确认资费，避免事后投诉（零投诉原则）。',
    en: 'Impulsive buyer: confirm the charges again before closing, so there is no complaint later.',
  },
  price_objection_first: {
    'zh-CN': '价格敏感：价格异议已放在最前，准备好算细账。',
    en: 'Price-sensitive: the price objection is listed first; have the breakdown ready.',
  },
  match_words: {
    'zh-CN': '配合客户的沟通风格，多用：{words}。',
    en: 'Match their style; use words like: {words}.',
  },
};

/** The reference wording of a hint with its params filled in. */
export function scriptHintText(hint: ScriptHint, locale: Locale): string {
  return SCRIPT_HINT_TEXT[hint.code][locale].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = hint.params[name];
    return value === undefined ? whole : String(value);
  });
}
