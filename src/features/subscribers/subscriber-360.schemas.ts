import { z } from 'zod';
import { BRANDS, SUBSCRIBER_STATUSES, VIP_LEVELS } from '#src/db/schema/enums';
import { LOCALES, scoreDetailSchema } from '#src/features/scoring/scores/scores.schemas';
import { agentTagsSchema } from './agent-tags';
import { planSchema } from './subscribers.schemas';

export const view360QuerySchema = z.object({ lang: z.enum(LOCALES).default('zh-CN') });

/**
 * Everything a phone manager needs on one screen. Personal data is masked here by construction:
 * the schema has no field that could carry a full MSISDN or ID number.
 */
export const subscriber360Schema = z
  .object({
    profile: z.object({
      id: z.number().int(),
      msisdnMasked: z.string().regex(/^\d{3}\*{4}\d{4}$/),
      idNumberMasked: z
        .string()
        .regex(/^[\dXx]{3}\*+[\dXx]{4}$/)
        .nullable(),
      name: z.string(),
      gender: z.string().nullable(),
      birthDate: z.string().nullable(),
      province: z.string(),
      city: z.string(),
      district: z.string().nullable(),
      brand: z.enum(BRANDS),
      status: z.enum(SUBSCRIBER_STATUSES),
      statusSince: z.string(),
      vipLevel: z.enum(VIP_LEVELS),
      isGroupCustomer: z.boolean(),
      joinDate: z.string(),
      tenureMonths: z.number().int(),
      handsetModel: z.string().nullable(),
      marketingConsent: z.boolean(),
      doNotCall: z.boolean(),
      profilingOptOut: z.boolean(),
      sceneTags: z.array(z.string()),
    }),
    owner: z
      .object({ userId: z.number().int(), displayName: z.string(), teamName: z.string().nullable() })
      .nullable(),
    plan: planSchema,
    contract: z
      .object({ contractNo: z.string(), kind: z.string(), endDate: z.string(), daysLeft: z.number().int() })
      .nullable(),
    score: scoreDetailSchema
      .omit({ msisdnMasked: true, name: true, city: true, subscriberId: true })
      .nullable(),
    contacts: z.array(
      z.object({
        id: z.number().int(),
        occurredAt: z.date(),
        channel: z.string(),
        direction: z.string(),
        type: z.string(),
        agentName: z.string().nullable(),
        summary: z.string().nullable(),
      }),
    ),
    /**
     * vipdesk's tickets first (newest first; id and ticketNo set, SLA read now), then complaints
     * imported from the operator's system that no ticket carries on (id, ticketNo, slaState null).
     */
    tickets: z.array(
      z.object({
        id: z.number().int().nullable(),
        ticketNo: z.string().nullable(),
        complaintNo: z.string().nullable(),
        category: z.string(),
        title: z.string().nullable(),
        status: z.string(),
        openedAt: z.date(),
        slaDueAt: z.date().nullable(),
        resolvedAt: z.date().nullable(),
        slaState: z.enum(['on_track', 'warning', 'breached', 'paused', 'met', 'missed']).nullable(),
      }),
    ),
    tags: agentTagsSchema,
    can: z.object({ unmask: z.boolean(), editTags: z.boolean() }),
  })
  .meta({ id: 'Subscriber360' });
export type Subscriber360 = z.infer<typeof subscriber360Schema>;
