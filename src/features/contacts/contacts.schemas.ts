import { z } from 'zod';
import { CONTACT_CHANNELS, CONTACT_DIRECTIONS, CONTACT_TYPES } from '#src/db/schema/enums';
import { COMPLAINT_PSYCHOLOGIES, classifierRulesSchema } from './classifier/classifier-rules';

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const contactType = z.enum(CONTACT_TYPES);
const psychology = z.enum(COMPLAINT_PSYCHOLOGIES);
const note = z.string().trim().min(1).max(2000);
const analysisPart = z.string().trim().min(1).max(1000);

// ---- classify ----

export const classifyBodySchema = z.object({ note });

const keywordMatchFields = {
  phrase: z.string().describe('The phrase as written in the rules'),
  weight: z.number(),
  index: z.number().int().describe('Position in normalisedNote'),
};

export const classificationSchema = z
  .object({
    /** The classifier settings version used (0 = the built-in rules). */
    rulesVersion: z.number().int(),
    type: contactType,
    confidence: z.number().describe('0..1'),
    scores: z.record(contactType, z.number()),
    matched: z.array(z.object({ type: contactType, ...keywordMatchFields })),
    negated: z.array(z.object({ type: contactType, ...keywordMatchFields, cue: z.string() })),
    fallback: z.boolean().describe('Nothing matched: the rules’ fallback type, low confidence'),
    psychology: z
      .object({
        tag: psychology,
        scores: z.record(psychology, z.number()),
        matched: z.array(z.object({ type: psychology, ...keywordMatchFields })),
      })
      .nullable()
      .describe('Only for complaints the words support'),
    normalisedNote: z.string().describe('The note as matched: numbers masked, widths and case folded'),
  })
  .meta({ id: 'ContactClassification' });
export type ClassificationView = z.infer<typeof classificationSchema>;

// ---- log a contact ----

/** A complaint's four-part analysis (DOMAIN.md §10) and the customer's psychology. */
export const complaintAnalysisFields = {
  emotion: analysisPart.optional().describe('情绪: how the customer felt'),
  fact: analysisPart.optional().describe('事实: what happened (required for a complaint)'),
  opinion: analysisPart.optional().describe('观点: what the customer thinks of it'),
  claim: analysisPart.optional().describe('诉求: what the customer wants (required for a complaint)'),
  complaintPsychology: psychology.optional(),
};

const ANALYSIS_FIELDS = ['emotion', 'fact', 'opinion', 'claim', 'complaintPsychology'] as const;

export const ticketRequestSchema = z.object({
  category: z.string().trim().min(1).max(80).describe('A code from GET /tickets/categories'),
  title: z.string().trim().min(2).max(200),
});

export const logContactBodySchema = z
  .object({
    channel: z.enum(CONTACT_CHANNELS),
    direction: z.enum(CONTACT_DIRECTIONS),
    /** The type the agent confirmed. */
    type: contactType,
    note,
    suggestedType: contactType
      .optional()
      .describe('Ignored: the server classifies the note again and stores its own suggestion'),
    ...complaintAnalysisFields,
    callTaskId: id.optional().describe('The call task this contact was logged on (one I hold or worked)'),
    ticket: ticketRequestSchema.optional().describe('Open a ticket from this contact, in the same step'),
  })
  .superRefine((body, ctx) => {
    if (body.type === 'complaint') {
      if (!body.fact) ctx.addIssue({ code: 'custom', path: ['fact'], message: 'a complaint needs the fact' });
      if (!body.claim)
        ctx.addIssue({ code: 'custom', path: ['claim'], message: 'a complaint needs the claim' });
      return;
    }
    for (const field of ANALYSIS_FIELDS) {
      if (body[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'only a complaint carries this' });
      }
    }
  });
export type LogContactBody = z.infer<typeof logContactBodySchema>;

// Stored values are read back as text: older rows (imports, earlier features) use their own words.
export const contactSchema = z
  .object({
    id: z.number().int(),
    subscriberId: z.number().int(),
    occurredAt: z.date(),
    channel: z.string().describe('phone | sms | app | hall | web'),
    direction: z.string().describe('inbound | outbound'),
    /** The type the agent confirmed. */
    type: z.string().describe(CONTACT_TYPES.join(' | ')),
    /** What the classifier suggested from the note (null for contacts logged before it existed). */
    suggestedType: z.string().nullable(),
    /** The agent's note, numbers masked. */
    note: z.string().nullable(),
    emotion: z.string().nullable(),
    fact: z.string().nullable(),
    opinion: z.string().nullable(),
    claim: z.string().nullable(),
    complaintPsychology: z.string().nullable().describe(COMPLAINT_PSYCHOLOGIES.join(' | ')),
    agentUserId: z.number().int().nullable(),
    agentName: z.string().nullable(),
    callTaskId: z.number().int().nullable(),
    ticket: z
      .object({ id: z.number().int(), ticketNo: z.string(), status: z.string().nullable() })
      .nullable(),
  })
  .meta({ id: 'ServiceContact' });
export type ContactView = z.infer<typeof contactSchema>;

/** The ticket a contact or a call opened, as the form shows it right after saving. */
export const openedTicketSchema = z
  .object({
    id: z.number().int(),
    ticketNo: z.string(),
    groupName: z.string(),
    dueAt: z.date(),
    slaState: z.string(),
  })
  .meta({ id: 'OpenedTicket' });
export type OpenedTicket = z.infer<typeof openedTicketSchema>;

export const loggedContactSchema = z
  .object({ contact: contactSchema, ticket: openedTicketSchema.nullable() })
  .meta({ id: 'LoggedContact' });
export type LoggedContact = z.infer<typeof loggedContactSchema>;

export const contactListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const contactListSchema = z
  .object({ items: z.array(contactSchema) })
  .meta({ id: 'ServiceContactList' });

// ---- classifier settings ----

export const classifierSettingsSchema = z
  .object({
    version: z.number().int().describe('0 = the built-in rules, never saved'),
    document: classifierRulesSchema,
    createdAt: z.date().nullable(),
  })
  .meta({ id: 'ClassifierSettings' });

export const saveClassifierSettingsBodySchema = z.object({
  note: z.string().trim().max(500).optional(),
  document: classifierRulesSchema,
});

const splitAccuracySchema = z.object({ size: z.number().int(), accuracy: z.number() });

export const classifierEvaluationSchema = z
  .object({
    rulesVersion: z.number().int(),
    overall: splitAccuracySchema,
    tune: splitAccuracySchema.describe('Notes looked at while the built-in rules were tuned'),
    heldout: splitAccuracySchema.describe('Notes never looked at while tuning: the honest estimate'),
    perType: z.record(
      contactType,
      z.object({ support: z.number().int(), precision: z.number(), recall: z.number() }),
    ),
    confusion: z
      .record(contactType, z.record(contactType, z.number().int()))
      .describe('rows = labelled type'),
    psychology: z.object({ labelled: z.number().int(), correct: z.number().int() }),
    misclassifications: z.array(
      z.object({
        text: z.string(),
        lang: z.enum(['zh', 'en']),
        split: z.enum(['tune', 'heldout']),
        expected: contactType,
        got: contactType,
      }),
    ),
  })
  .meta({ id: 'ClassifierEvaluation' });
