import type { AgentTagField } from '#src/features/subscribers/agent-tags';
import type { Locale, Objection, ScriptLanguageContent } from './script-content';
import type { ScriptHint, ScriptHintCode } from './script-hints';

/** The call tags as stored (free strings; values the rules do not know are ignored). */
export type ScriptTags = Partial<Record<AgentTagField, string | null>>;

/**
 * What the phone manager says, in order. Besides the script's own sections an adaptation may add an
 * acknowledgement, a reassurance, a checkpoint (a stage direction, not read out) and a repeat of the
 * tariff disclosure just before closing.
 */
export const SCRIPT_STEP_KEYS = [
  'opening',
  'acknowledge',
  'checkpoint',
  'reassure',
  'purpose',
  'disclosure',
  'confirm_disclosure',
  'closing',
] as const;
export type ScriptStepKey = (typeof SCRIPT_STEP_KEYS)[number];
export type ScriptStep = { key: ScriptStepKey; text: string };

export type AdaptedScript = { steps: ScriptStep[]; objections: Objection[]; hints: ScriptHint[] };

export type AdaptOptions = {
  locale: Locale;
  /** The subscriber's sensitivity segments from the current score (price, service, brand, security). */
  segments?: readonly string[];
};

/** Lines the adaptation adds; written to pass the forbidden-phrase lint (tested). */
export const ADDED_LINES: Record<Locale, Record<'acknowledge' | 'checkpoint' | 'reassure', string>> = {
  'zh-CN': {
    acknowledge:
      '我了解到您之前遇到的问题给您添了麻烦，先向您说声抱歉。今天来电，首先想听听您的想法，您的问题我会负责跟进到底。',
    checkpoint:
      '先处理心情，再处理事情：确认客户的问题已经记录、约好处理时间，客户情绪平复后再介绍方案；客户仍不满意时，本次不介绍优惠。',
    reassure: '您放心，这次来电不会改变您现有的任何业务，一切都由您来决定，有疑问可以随时问我。',
  },
  en: {
    acknowledge:
      "I know the problem you had before caused you trouble, and I'm sorry about that. First I'd like to hear how you see it; I will personally follow your issue through.",
    checkpoint:
      "Feelings first, then the matter: make sure the customer's issue is recorded and a time to resolve it is agreed; introduce the offer only once they are calm. If they are still unhappy, leave the offer for another call.",
    reassure:
      "Please don't worry: this call changes nothing on your account unless you decide so, and you can ask me anything at any time.",
  },
};

/** Words that speak to each communication style [004] (视觉型 / 听觉型 / 感觉型). */
const STYLE_WORDS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    visual: '看看、清楚、一目了然',
    auditory: '听起来、跟您说说、讨论一下',
    kinesthetic: '感觉、体会、踏实',
  },
  en: {
    visual: 'see, look, clear',
    auditory: 'sounds, tell you, talk it through',
    kinesthetic: 'feel, get a grip on, solid',
  },
};

const UPSET_MOODS = new Set(['angry', 'complaining']);

/**
 * Shapes a script to the subscriber's call tags (DOMAIN.md §5, seeds [000][004]): what to say first,
 * what to hold back, which objection to expect, and hints for the manner. Pure; every change comes
 * with a hint naming the tag that caused it, so the agent sees why the script reads as it does.
 */
export function adaptScript(
  content: ScriptLanguageContent,
  tags: ScriptTags,
  options: AdaptOptions,
): AdaptedScript {
  const { locale } = options;
  const lines = ADDED_LINES[locale];
  const steps: ScriptStep[] = [
    { key: 'opening', text: content.opening },
    { key: 'purpose', text: content.purpose },
    { key: 'disclosure', text: content.disclosure },
    { key: 'closing', text: content.closing },
  ];
  let objections = [...content.objections];
  const hints: ScriptHint[] = [];
  const hint = (code: ScriptHintCode, tag: string, value: string, extra: ScriptHint['params'] = {}) => {
    if (!hints.some((h) => h.code === code)) hints.push({ code, params: { tag, value, ...extra } });
  };

  // Mood first: an upset customer hears an apology before anything is sold [004] 先处理心情，再处理事情.
  const mood = tags.mood ?? null;
  if (mood !== null && UPSET_MOODS.has(mood)) {
    insertAfter(steps, 'opening', { key: 'acknowledge', text: lines.acknowledge });
    insertAfter(steps, 'acknowledge', { key: 'checkpoint', text: lines.checkpoint });
    hint('acknowledge_first', 'mood', mood);
    hint('hold_offer', 'mood', mood);
  } else if (mood === 'difficult') {
    hint('stay_patient', 'mood', mood);
  }

  switch (tags.complaintPsychology ?? null) {
    case 'venting':
      hint('let_them_vent', 'complaintPsychology', 'venting');
      break;
    case 'respect_seeking':
      hint('show_respect', 'complaintPsychology', 'respect_seeking');
      break;
    case 'compensation_seeking':
      hint('explain_remedy', 'complaintPsychology', 'compensation_seeking');
      break;
    default:
      break;
  }

  const personality = tags.personality ?? null;
  if (personality === 'eagle' || personality === 'owl') {
    // Results-minded and analytical people want the numbers before the story.
    moveBefore(steps, 'disclosure', 'purpose');
    hint('lead_with_facts', 'personality', personality);
    hint('keep_short', 'personality', personality, { seconds: 30 });
    if (personality === 'owl') hint('offer_written_details', 'personality', personality);
  } else if (personality === 'dove') {
    insertBefore(steps, 'purpose', { key: 'reassure', text: lines.reassure });
    hint('reassure', 'personality', personality);
  } else if (personality === 'peacock') {
    hint('praise_sincerely', 'personality', personality);
  }

  const psychology = tags.purchasePsychology ?? null;
  if (psychology === 'dominant') hint('offer_choice_close', 'purchasePsychology', psychology);
  else if (psychology === 'guided') hint('explain_benefits', 'purchasePsychology', psychology);
  else if (psychology === 'counselled') hint('ask_before_offer', 'purchasePsychology', psychology);
  else if (psychology === 'resistant') hint('no_hard_sell', 'purchasePsychology', psychology);

  const habit = tags.consumptionHabit ?? null;
  if (habit === 'expressive') hint('praise_sincerely', 'consumptionHabit', habit);
  if (habit === 'impulsive') {
    // A quick yes regretted later is a complaint: repeat the charges right before the close.
    const beforeClosing = steps[steps.findIndex((s) => s.key === 'closing') - 1];
    if (beforeClosing?.key !== 'disclosure') {
      insertBefore(steps, 'closing', { key: 'confirm_disclosure', text: content.disclosure });
    }
    hint('confirm_tariff', 'consumptionHabit', habit);
  }

  const priceReason = priceSensitivity(tags, options.segments ?? []);
  if (priceReason && objections.some((o) => o.trigger === 'price')) {
    objections = [
      ...objections.filter((o) => o.trigger === 'price'),
      ...objections.filter((o) => o.trigger !== 'price'),
    ];
    hint('price_objection_first', priceReason.tag, priceReason.value);
  }

  const style = tags.communicationStyle ?? null;
  const words = style === null ? undefined : STYLE_WORDS[locale][style];
  if (style !== null && words !== undefined) hint('match_words', 'communicationStyle', style, { words });

  return { steps, objections, hints };
}

/** Why to expect the price objection first: a practical spender, a resistant buyer, or the price segment. */
function priceSensitivity(
  tags: ScriptTags,
  segments: readonly string[],
): { tag: string; value: string } | null {
  if (tags.consumptionHabit === 'practical') return { tag: 'consumptionHabit', value: 'practical' };
  if (tags.purchasePsychology === 'resistant') return { tag: 'purchasePsychology', value: 'resistant' };
  if (segments.includes('price')) return { tag: 'segment', value: 'price' };
  return null;
}

function insertAfter(steps: ScriptStep[], after: ScriptStepKey, step: ScriptStep): void {
  const at = steps.findIndex((s) => s.key === after);
  steps.splice(at + 1, 0, step);
}

function insertBefore(steps: ScriptStep[], before: ScriptStepKey, step: ScriptStep): void {
  const at = steps.findIndex((s) => s.key === before);
  steps.splice(at < 0 ? steps.length : at, 0, step);
}

function moveBefore(steps: ScriptStep[], key: ScriptStepKey, before: ScriptStepKey): void {
  const from = steps.findIndex((s) => s.key === key);
  const [step] = from < 0 ? [] : steps.splice(from, 1);
  if (step) insertBefore(steps, before, step);
}
