import { z } from 'zod';

/** What a phone manager records about a subscriber on calls (DOMAIN.md §5); scripts hint from these. */
export const AGENT_TAG_VALUES = {
  personality: ['eagle', 'peacock', 'dove', 'owl'],
  mood: ['rational', 'complaining', 'angry', 'difficult'],
  purchasePsychology: ['dominant', 'guided', 'counselled', 'resistant'],
  communicationStyle: ['visual', 'auditory', 'kinesthetic'],
  consumptionHabit: ['practical', 'expressive', 'impulsive'],
  complaintPsychology: ['venting', 'respect_seeking', 'compensation_seeking'],
} as const;

export type AgentTagField = keyof typeof AGENT_TAG_VALUES;
export const AGENT_TAG_FIELDS = Object.keys(AGENT_TAG_VALUES) as AgentTagField[];

export const agentTagsBodySchema = z.object({
  personality: z.enum(AGENT_TAG_VALUES.personality).nullable(),
  mood: z.enum(AGENT_TAG_VALUES.mood).nullable(),
  purchasePsychology: z.enum(AGENT_TAG_VALUES.purchasePsychology).nullable(),
  communicationStyle: z.enum(AGENT_TAG_VALUES.communicationStyle).nullable(),
  consumptionHabit: z.enum(AGENT_TAG_VALUES.consumptionHabit).nullable(),
  complaintPsychology: z.enum(AGENT_TAG_VALUES.complaintPsychology).nullable(),
});
export type AgentTagsInput = z.infer<typeof agentTagsBodySchema>;

export const agentTagsSchema = z
  .object({
    personality: z.string().nullable(),
    mood: z.string().nullable(),
    purchasePsychology: z.string().nullable(),
    communicationStyle: z.string().nullable(),
    consumptionHabit: z.string().nullable(),
    complaintPsychology: z.string().nullable(),
    updatedAt: z.date().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'AgentTags' });
export type AgentTags = z.infer<typeof agentTagsSchema>;
