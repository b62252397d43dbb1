import { z } from 'zod';
import { CONTACT_REFUSALS } from '#src/features/contact-policy/contact-policy';
import { SMS_STATUSES } from './sms-outbox.repository';
import { SMS_LOCALES } from './sms-render';
import { SMS_TEMPLATE_PURPOSES } from './sms-templates-seed';

const templateCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{2,49}$/, { error: 'must be 3–50 lower-case letters, digits or _' });

export const sendSmsBodySchema = z.object({
  templateCode,
  /** Values for the template's {variables}; {name} and {agent} default to the subscriber and sender. */
  variables: z
    .record(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, { error: 'must be a variable name such as name' }),
      z.string().max(200),
    )
    .refine((v) => Object.keys(v).length <= 20, { error: 'at most 20 variables' })
    .default({}),
  purpose: z.enum(['care', 'marketing']),
  campaignId: z.number().int().positive().max(2_147_483_647).optional(),
  locale: z.enum(SMS_LOCALES).default('zh-CN'),
});
export type SendSmsBody = z.infer<typeof sendSmsBodySchema>;

export const smsMessageSchema = z
  .object({
    id: z.number().int(),
    templateCode: z.string(),
    purpose: z.string(),
    campaignId: z.number().int().nullable(),
    surveyForContactId: z.number().int().nullable(),
    body: z.string(),
    status: z.enum(SMS_STATUSES),
    refusals: z.array(z.enum(CONTACT_REFUSALS)).nullable(),
    attempts: z.number().int(),
    error: z.string().nullable(),
    queuedAt: z.date(),
    notBefore: z.date().describe('Not sent before this time (quiet hours, retry backoff)'),
    submittedAt: z.date().nullable(),
    deliveredAt: z.date().nullable(),
  })
  .meta({ id: 'SmsMessage' });
export type SmsMessage = z.infer<typeof smsMessageSchema>;

export const smsHistorySchema = z.object({ items: z.array(smsMessageSchema) }).meta({ id: 'SmsHistory' });

export const templateCodeParamsSchema = z.object({ code: templateCode });

export const saveSmsTemplateBodySchema = z.object({
  purpose: z.enum(SMS_TEMPLATE_PURPOSES),
  bodyZh: z.string().trim().min(1).max(500),
  bodyEn: z.string().trim().min(1).max(1000),
  isActive: z.boolean().default(true),
});
export type SaveSmsTemplateBody = z.infer<typeof saveSmsTemplateBodySchema>;

const segmentsSchema = z.object({
  encoding: z.enum(['gsm7', 'ucs2']),
  segments: z.number().int().describe('Parts of the body as written, before variables are filled'),
});

export const smsTemplateSchema = z
  .object({
    code: z.string(),
    purpose: z.enum(SMS_TEMPLATE_PURPOSES),
    bodyZh: z.string(),
    bodyEn: z.string(),
    variables: z.array(z.string()),
    isActive: z.boolean(),
    updatedAt: z.date(),
    sizeZh: segmentsSchema,
    sizeEn: segmentsSchema,
  })
  .meta({ id: 'SmsTemplate' });
export type SmsTemplateView = z.infer<typeof smsTemplateSchema>;

export const smsTemplateListSchema = z
  .object({ items: z.array(smsTemplateSchema) })
  .meta({ id: 'SmsTemplates' });
