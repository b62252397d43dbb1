import { z } from 'zod';
import { scoringSettingsSchema } from './scoring-settings';

export const settingsViewSchema = z
  .object({
    version: z.number().int().describe('0 = the built-in defaults, never saved'),
    createdAt: z.string().nullable(),
    settings: scoringSettingsSchema,
  })
  .meta({ id: 'ScoringSettingsVersion' });

export const saveSettingsBodySchema = z.object({
  note: z.string().trim().max(500).optional(),
  settings: scoringSettingsSchema,
});

export const settingsVersionParamsSchema = z.object({
  version: z.coerce.number().int().min(0).max(2_147_483_647),
});

export const settingsVersionListSchema = z
  .object({
    items: z.array(
      z.object({
        version: z.number().int(),
        note: z.string().nullable(),
        createdBy: z.number().int().nullable(),
        createdAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'ScoringSettingsVersionList' });
