import { z } from 'zod';
import { LOCALES } from '#src/features/scoring/scores/scores.schemas';

export type Locale = (typeof LOCALES)[number];

/** The scenarios of the seed material's openings (DOMAIN.md §9), plus care and questionnaire calls. */
export const SCRIPT_SCENARIOS = [
  'service_marketing',
  'competitor_winback',
  'revisit',
  'care',
  'new_business',
  'questionnaire',
] as const;
export type ScriptScenario = (typeof SCRIPT_SCENARIOS)[number];

/**
 * The placeholders a script may use, written `{name}`. A fixed list, because the call panel has to
 * know how to fill each one; a misspelt placeholder would otherwise be read out as "{subscrberName}".
 */
export const SCRIPT_VARIABLES = [
  /** How to address the subscriber: 王先生 / Mr Wang. */
  'subscriberName',
  'agentName',
  'operatorName',
  /** The outbound service number (10088-style). */
  'serviceNumber',
  /** The subscriber's current plan. */
  'planName',
  'offerName',
  /** The offer's (or target plan's) monthly fee, in yuan. */
  'offerFeeYuan',
  /** The monthly saving the plan optimiser found, in yuan. */
  'savingYuan',
  'offerValidUntil',
  /** The business the subscriber recently handled (revisit calls). */
  'businessName',
  /** The key moment that prompted a care call, as a clause: 您的生日快到了 / your birthday is coming up. */
  'occasion',
] as const;
export type ScriptVariable = (typeof SCRIPT_VARIABLES)[number];

/**
 * The refusals a script prepares for: the price / need / competitor objections of the seed material
 * and its "ten common refusal excuses" (客户拒绝十大借口).
 */
export const OBJECTION_TRIGGERS = [
  /** 太贵了 */
  'price',
  /** 不需要 / 没兴趣 */
  'need',
  /** 别家更便宜 / 我要转网 */
  'competitor',
  /** 我很忙 / 没时间 */
  'busy',
  /** 我考虑一下 */
  'think_about_it',
  /** 发个资料给我看看 */
  'send_info',
  /** 我要和家人商量 */
  'consult_family',
  /** 现在的挺好，不想换 */
  'no_change',
  /** 你们是不是骗人的 */
  'distrust',
  /** 办理太麻烦 */
  'hassle',
] as const;
export type ObjectionTrigger = (typeof OBJECTION_TRIGGERS)[number];

/** The sections a phone manager reads in order; objections are answered when they come up. */
export const SCRIPT_TEXT_SECTIONS = ['opening', 'purpose', 'disclosure', 'closing'] as const;
export type ScriptTextSection = (typeof SCRIPT_TEXT_SECTIONS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The `{name}` placeholders in a text that are not on the fixed list. */
export function unknownVariablesIn(text: string): string[] {
  const unknown: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!(SCRIPT_VARIABLES as readonly string[]).includes(name) && !unknown.includes(name))
      unknown.push(name);
  }
  return unknown;
}

const sectionText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      for (const name of unknownVariablesIn(text)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown variable {${name}}; use one of ${SCRIPT_VARIABLES.map((v) => `{${v}}`).join(', ')}`,
        });
      }
    });

export const objectionSchema = z.object({
  trigger: z.enum(OBJECTION_TRIGGERS),
  response: sectionText(1000),
});
export type Objection = z.infer<typeof objectionSchema>;

/** One language of a script. Disclosure is the "zero-complaint" tariff statement: fee, start, validity, exit. */
export const scriptLanguageContentSchema = z
  .object({
    opening: sectionText(600),
    purpose: sectionText(2000),
    disclosure: sectionText(1000),
    objections: z
      .array(objectionSchema)
      .max(OBJECTION_TRIGGERS.length)
      .superRefine((objections, ctx) => {
        const seen = new Set<string>();
        objections.forEach((objection, index) => {
          if (seen.has(objection.trigger)) {
            ctx.addIssue({
              code: 'custom',
              path: [index, 'trigger'],
              message: `objection '${objection.trigger}' is answered twice; keep one response per trigger`,
            });
          }
          seen.add(objection.trigger);
        });
      }),
    closing: sectionText(600),
  })
  .meta({ id: 'ScriptLanguageContent' });
export type ScriptLanguageContent = z.infer<typeof scriptLanguageContentSchema>;

/** A whole script: every language the console offers, so no agent gets an untranslated script. */
export const scriptContentSchema = z
  .object({ 'zh-CN': scriptLanguageContentSchema, en: scriptLanguageContentSchema })
  .meta({ id: 'ScriptContent' });
export type ScriptContent = z.infer<typeof scriptContentSchema>;

/**
 * A script as the editor holds it while typing: the same shape with any text, so the live lint can
 * answer before the draft is complete or valid.
 */
const draftText = z.string().max(5000).default('');
export const scriptDraftLanguageSchema = z.object({
  opening: draftText,
  purpose: draftText,
  disclosure: draftText,
  objections: z
    .array(z.object({ trigger: z.string().max(40), response: draftText }))
    .max(40)
    .default([]),
  closing: draftText,
});
export const scriptDraftSchema = z.object({
  'zh-CN': scriptDraftLanguageSchema.optional(),
  en: scriptDraftLanguageSchema.optional(),
});
export type ScriptDraft = z.infer<typeof scriptDraftSchema>;
export type ScriptDraftLanguage = z.infer<typeof scriptDraftLanguageSchema>;

/** Every text of a (draft) script with its section path, e.g. `zh-CN.objections.0.response`. */
export function scriptTexts(content: ScriptDraft): { locale: Locale; section: string; text: string }[] {
  const texts: { locale: Locale; section: string; text: string }[] = [];
  for (const locale of LOCALES) {
    const language = content[locale];
    if (!language) continue;
    const add = (key: ScriptTextSection) =>
      texts.push({ locale, section: `${locale}.${key}`, text: language[key] });
    add('opening');
    add('purpose');
    add('disclosure');
    language.objections.forEach((objection, index) => {
      texts.push({ locale, section: `${locale}.objections.${index}.response`, text: objection.response });
    });
    add('closing');
  }
  return texts;
}

/** Placeholders not on the list, by section: the live editor shows them before a save refuses them. */
export function unknownVariablesInScript(content: ScriptDraft): { section: string; name: string }[] {
  return scriptTexts(content).flatMap(({ section, text }) =>
    unknownVariablesIn(text).map((name) => ({ section, name })),
  );
}
