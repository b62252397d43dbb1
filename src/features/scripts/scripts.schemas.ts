import { z } from 'zod';
import { LOCALES } from '#src/features/scoring/scores/scores.schemas';
import { FORBIDDEN_PHRASE_CODES } from './forbidden-phrases';
import { scriptContentSchema, scriptDraftSchema } from './script-content';

export const scriptCodeParamsSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, {
    error: 'a script code is 2–64 lower-case letters, digits or underscores',
  }),
});

export const scriptLangQuerySchema = z.object({ lang: z.enum(LOCALES).default('zh-CN') });

// Response shapes are plain (no refinements): what was saved passed the input schema already.
const languageView = z
  .object({
    opening: z.string(),
    purpose: z.string(),
    disclosure: z.string(),
    objections: z.array(z.object({ trigger: z.string(), response: z.string() })),
    closing: z.string(),
  })
  .meta({ id: 'ScriptLanguageView' });

const scriptSummary = z.object({
  code: z.string(),
  scenario: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  /** Username of the last editor; null for the seeded version. */
  updatedBy: z.string().nullable(),
});

export const scriptListSchema = z
  .object({
    items: z.array(scriptSummary),
    /** The placeholders and objection triggers the editor offers. */
    variables: z.array(z.string()),
    objectionTriggers: z.array(z.string()),
  })
  .meta({ id: 'ScriptList' });

export const scriptDetailSchema = scriptSummary
  .extend({
    lang: z.enum(LOCALES),
    title: z.string(),
    /** The script in the requested language. */
    content: languageView,
    /** Every language, as the editor saves it back. */
    document: z.object({ 'zh-CN': languageView, en: languageView }),
  })
  .meta({ id: 'ScriptDetail' });

export const saveScriptBodySchema = z.object({
  content: scriptContentSchema,
  titleZh: z.string().trim().min(1).max(60).optional(),
  titleEn: z.string().trim().min(1).max(80).optional(),
  /** The version the editor started from; a save over someone else's newer version is refused (409). */
  expectedVersion: z.number().int().positive().max(2_147_483_647).optional(),
});
export type SaveScriptBody = z.infer<typeof saveScriptBodySchema>;

export const lintBodySchema = z
  .object({
    /** Free text such as a call note. */
    text: z.string().max(20_000).optional(),
    /** Which list to check the text against; both when omitted. */
    lang: z.enum(LOCALES).optional(),
    /** A script draft as the editor holds it (may be incomplete). */
    content: scriptDraftSchema.optional(),
  })
  .refine((body) => (body.text === undefined) !== (body.content === undefined), {
    error: 'give either text or content',
  });
export type LintBody = z.infer<typeof lintBodySchema>;

const findingSchema = z.object({
  code: z.enum(FORBIDDEN_PHRASE_CODES),
  locale: z.enum(LOCALES),
  phrase: z.string(),
  match: z.string(),
  index: z.number().int(),
  end: z.number().int(),
  suggestion: z.string(),
  /** Where in the script, e.g. `zh-CN.objections.0.response`; absent for free text. */
  section: z.string().optional(),
});

export const lintResultSchema = z
  .object({
    clean: z.boolean(),
    findings: z.array(findingSchema),
    /** Placeholders not on the list, by section (a save would refuse them). */
    unknownVariables: z.array(z.object({ section: z.string(), name: z.string() })),
  })
  .meta({ id: 'ScriptLintResult' });
export type LintResult = z.infer<typeof lintResultSchema>;
