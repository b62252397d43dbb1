import { z } from 'zod';
import { LOCALES } from '#src/features/scoring/scores/scores.schemas';
import { decisionSettingsSchema } from './decision-settings';
import { ACTIONS } from './decision-types';
import { SAVING_ACTIONS } from './p-save';

export const decisionSettingsViewSchema = z
  .object({
    version: z.number().int().describe('0 = the built-in defaults, never saved'),
    createdAt: z.string().nullable(),
    settings: decisionSettingsSchema,
  })
  .meta({ id: 'DecisionSettingsVersion' });

export const saveDecisionSettingsBodySchema = z.object({
  note: z.string().trim().max(500).optional(),
  /** Levers left out take their defaults. */
  settings: decisionSettingsSchema,
});

export const pSaveViewSchema = z
  .object({
    settingsVersion: z.number().int(),
    runId: z.number().int().nullable().describe('The scoring run whose tiers the outcomes are counted by'),
    priorStrength: z.number(),
    lookbackDays: z.number().int(),
    rows: z.array(
      z.object({
        action: z.enum(SAVING_ACTIONS),
        tier: z.string(),
        prior: z.number(),
        trials: z.number().int().describe('Reached calls for this action and tier'),
        saves: z.number().int().describe('Of which accepted'),
        estimate: z.number().describe('Beta–binomial posterior mean'),
      }),
    ),
  })
  .meta({ id: 'PSaveTable' });

export const nextBestActionParamsSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1),
});
export const nextBestActionQuerySchema = z.object({
  lang: z.enum(LOCALES).default('zh-CN').describe('Language of titles, offer names and reasons'),
});

const reasonSchema = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  text: z.string(),
});

export const nextBestActionViewSchema = z
  .object({
    subscriberId: z.number().int(),
    runId: z.number().int(),
    onDay: z.string(),
    settingsVersion: z.number().int(),
    budgetFen: z.number().int().describe('The most an offer to this subscriber may cost'),
    candidate: z.object({
      probability: z.number(),
      riskBand: z.string(),
      tier: z.string(),
      vipKind: z.string(),
      monthlyValueFen: z.number().int(),
      hasKeyMoment: z.boolean(),
      /** A service ticket is being worked: only care actions are ranked (issue 6 §7). */
      openTicket: z.boolean(),
    }),
    actions: z
      .array(
        z.object({
          action: z.enum(ACTIONS),
          title: z.string(),
          offer: z
            .object({
              code: z.string(),
              name: z.string(),
              rule: z.string(),
              kind: z.string(),
              costFen: z.number().int(),
              scriptCode: z.string().nullable(),
            })
            .nullable(),
          expectedValueFen: z.number().int(),
          pSave: z.number(),
          costFen: z.number().int(),
          reasons: z.array(reasonSchema),
        }),
      )
      .describe('Best first'),
  })
  .meta({ id: 'NextBestAction' });
