import { formatMoney, formatPercent, type Locale } from '#src/features/scoring/rules/evidence-text';
import { ACTIONS, type Action, type DecisionReason } from './decision-types';

/**
 * "Why this action" in the reader's language, from the structured reasons next-best-action stores
 * (like the scores' evidence text). Unknown codes render as the code itself rather than failing.
 */

type Params = DecisionReason['params'];

const ACTION_TITLES: Record<Action, Record<Locale, string>> = {
  retention_call: { 'zh-CN': '维系挽留外呼', en: 'Retention call' },
  care_call: { 'zh-CN': '关怀外呼', en: 'Care call' },
  upsell_call: { 'zh-CN': '升档营销外呼', en: 'Upsell call' },
  care_sms: { 'zh-CN': '关怀短信', en: 'Care SMS' },
  no_action: { 'zh-CN': '暂不联系', en: 'No action' },
};

export function actionTitle(action: Action, locale: Locale): string {
  return ACTION_TITLES[action][locale];
}

const num = (params: Params, key: string): number => {
  const value = params[key];
  return typeof value === 'number' ? value : Number(value ?? 0);
};
const str = (params: Params, key: string): string => String(params[key] ?? '');
const money = (params: Params, key: string, locale: Locale) => formatMoney(num(params, key), locale);
const percent = (params: Params, key: string, locale: Locale) => formatPercent(num(params, key), locale);

type Renderer = (params: Params, locale: Locale) => string;

const RENDERERS: Record<string, Renderer> = {
  risk: (p, l) =>
    l === 'en'
      ? `Churn probability ${percent(p, 'probability', l)}`
      : `离网概率${percent(p, 'probability', l)}`,
  value_at_risk: (p, l) =>
    l === 'en'
      ? `Value at stake ${money(p, 'valueFen', l)} (${money(p, 'monthlyValueFen', l)} a month × ${num(p, 'horizonMonths')} months × tier weight ${num(p, 'tierWeight')})`
      : `可挽留价值${money(p, 'valueFen', l)}（月均${money(p, 'monthlyValueFen', l)} × ${num(p, 'horizonMonths')}个月 × 层级权重${num(p, 'tierWeight')}）`,
  vip_boost: (p, l) =>
    l === 'en'
      ? `VIP: value counted ${percent(p, 'boost', l)} higher`
      : `VIP客户：价值上浮${percent(p, 'boost', l)}`,
  p_save: (p, l) => {
    const action = str(p, 'action');
    const known = ACTIONS.find((a) => a === action);
    const title = known ? ACTION_TITLES[known][l] : action;
    return l === 'en'
      ? `Success rate of a ${title.toLowerCase()} in this tier: ${percent(p, 'pSave', l)}`
      : `该层级${title}成功率${percent(p, 'pSave', l)}`;
  },
  offer_within_budget: (p, l) =>
    l === 'en'
      ? `Offer ${str(p, 'offerCode')} costs ${money(p, 'offerCostFen', l)}, within the budget of ${money(p, 'budgetFen', l)}`
      : `优惠${str(p, 'offerCode')}成本${money(p, 'offerCostFen', l)}，在维系预算${money(p, 'budgetFen', l)}以内`,
  budget_exceeded: (p, l) =>
    l === 'en'
      ? `${num(p, 'offers')} offer(s) left out: over the budget of ${money(p, 'budgetFen', l)}`
      : `${num(p, 'offers')}项优惠超出维系预算${money(p, 'budgetFen', l)}，未采用`,
  cost: (p, l) => (l === 'en' ? `Cost ${money(p, 'costFen', l)}` : `成本${money(p, 'costFen', l)}`),
  care_moment: (p, l) =>
    l === 'en'
      ? `A key moment is due: care works ${num(p, 'factor')}× better`
      : `关键时刻临近：关怀效果提升${num(p, 'factor')}倍`,
  upsell_gain: (p, l) =>
    l === 'en'
      ? `${str(p, 'offerCode')} adds ${money(p, 'monthlyGainFen', l)} a month, counted for ${num(p, 'horizonMonths')} months`
      : `${str(p, 'offerCode')}每月增收${money(p, 'monthlyGainFen', l)}，按${num(p, 'horizonMonths')}个月计`,
  below_minimum: (p, l) =>
    l === 'en'
      ? `Expected value below the minimum of ${money(p, 'minExpectedValueFen', l)} to act`
      : `预期价值低于行动门槛${money(p, 'minExpectedValueFen', l)}`,
  no_action: (_p, l) => (l === 'en' ? 'No action is worth more than its cost' : '暂无收益高于成本的行动'),
  open_ticket: (_p, l) =>
    l === 'en'
      ? 'A service ticket is open: care only, no sales offer until it is resolved'
      : '有未解决的服务工单：只做关怀，解决前不做营销推荐',
};

export function renderDecisionReason(reason: DecisionReason, locale: Locale): string {
  const render = RENDERERS[reason.code];
  return render ? render(reason.params, locale) : reason.code;
}
