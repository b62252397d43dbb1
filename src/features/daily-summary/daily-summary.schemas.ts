import { z } from 'zod';
import { progressItemSchema } from '../targets/targets.schemas';

export const SUMMARY_LANGUAGES = ['zh-CN', 'en'] as const;
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];

export const dailySummaryQuerySchema = z.object({
  date: z.iso
    .date()
    .optional()
    .describe("The summary's day (today's plan; results of the day before); default today"),
  teamId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .describe('Admins and analysts: required; leads: their own team'),
  lang: z.enum(SUMMARY_LANGUAGES).default('zh-CN').describe('Language of the CSV headings'),
});

const resultFigures = {
  calls: z.number().int(),
  reached: z.number().int(),
  accepted: z.number().int(),
  saves: z.number().int(),
  complaints: z.number().int(),
  spendFen: z.number().int(),
  ticketsOpened: z.number().int(),
  slaBreaches: z.number().int(),
};
const planFigures = {
  plannedCalls: z.number().int(),
  callbacksDue: z.number().int(),
  careTasks: z.number().int(),
};

export const dailySummarySchema = z
  .object({
    teamId: z.number().int(),
    teamName: z.string(),
    date: z.string(),
    resultsDate: z.string(),
    results: z.object({
      items: z.array(z.object({ agentUserId: z.number().int(), displayName: z.string(), ...resultFigures })),
      totals: z.object(resultFigures),
    }),
    plan: z.object({
      /** agentUserId null: the team's unowned pool. */
      items: z.array(
        z.object({
          agentUserId: z.number().int().nullable(),
          displayName: z.string().nullable(),
          ...planFigures,
        }),
      ),
      totals: z.object(planFigures),
    }),
    targets: z.array(progressItemSchema),
  })
  .meta({ id: 'DailySummary' });
export type DailySummary = z.infer<typeof dailySummarySchema>;
export type ResultFigures = DailySummary['results']['totals'];
export type PlanFigures = DailySummary['plan']['totals'];

export const summaryFilesQuerySchema = z.object({
  teamId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .describe('Admins and analysts: one team; default all'),
});

export const summaryFileSchema = z.object({
  date: z.string(),
  teamId: z.number().int(),
  bytes: z.number().int(),
  url: z.string(),
});
export const summaryFilesSchema = z.object({ items: z.array(summaryFileSchema) });

export const summaryFileParamsSchema = z.object({
  date: z.iso.date(),
  file: z.string().regex(/^\d{1,9}\.csv$/, 'must be <teamId>.csv'),
});
