import { z } from 'zod';
import { SCENE_TAGS } from '#src/db/schema/enums';
import { SIGNAL_CODES } from '#src/features/scoring/rules/churn-signals';
import { OPERATING_TIERS } from '#src/features/scoring/rules/operating-tier';
import { RISK_BANDS } from '#src/features/scoring/rules/risk-band';
import { SENSITIVITY_SEGMENTS } from '#src/features/scoring/rules/sensitivity';
import { LOCALES } from '#src/features/scoring/scores/scores.schemas';
import { offerEligibilitySchema } from './offer-eligibility';
import {
  CONTACT_CHANNELS,
  OFFER_CHANNELS,
  OFFER_KINDS,
  OFFER_RULES,
  PLAN_MOVE_KINDS,
} from './offer-vocabulary';

export const offerCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, { error: 'use 2–40 upper-case letters, digits or underscores' });

// z.iso.date, not a refine: the document then says `format: date` with its pattern, as the check is.
const calendarDate = () => z.iso.date({ error: 'must be a calendar date YYYY-MM-DD' });

/**
 * Eligibility as the catalogue accepts it: the shared shape, plus every code must be one the
 * scoring rules can produce — a misspelt tier would make an offer silently reach nobody. Plan codes
 * are checked against the plans table by the service.
 */
const catalogueEligibilitySchema = offerEligibilitySchema.superRefine((rule, ctx) => {
  const check = (key: keyof typeof rule, known: readonly string[]) => {
    const values = rule[key];
    if (!Array.isArray(values)) return;
    values.forEach((value, index) => {
      if (!known.includes(value)) {
        ctx.addIssue({ code: 'custom', path: [key, index], message: `unknown value '${value}'` });
      }
    });
  };
  check('tiers', OPERATING_TIERS);
  check('riskBands', RISK_BANDS);
  check('segments', SENSITIVITY_SEGMENTS);
  check('signals', SIGNAL_CODES);
  check('sceneTags', SCENE_TAGS);
});

/** What an analyst writes about an offer; the code is given apart (body on create, path on update). */
const offerFieldsObject = z.object({
  rule: z.enum(OFFER_RULES),
  kind: z.enum(OFFER_KINDS),
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(80),
  descriptionZh: z.string().trim().max(500).default(''),
  descriptionEn: z.string().trim().max(800).default(''),
  eligibility: catalogueEligibilitySchema.default({}),
  /** What the operator gives away when the offer is taken, in fen. */
  costFen: z.int({ error: 'must be whole fen' }).min(0).max(10_000_000),
  targetPlanCode: z.string().trim().min(1).max(40).nullable().default(null),
  channel: z.enum(OFFER_CHANNELS).default('call'),
  scriptCode: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,59}$/, { error: 'must be a script code (lower case, underscores)' })
    .nullable()
    .default(null),
  validFrom: calendarDate(),
  validTo: calendarDate().nullable().default(null),
  isActive: z.boolean().default(true),
});

type OfferFieldsShape = z.infer<typeof offerFieldsObject>;

/** Rules across fields; each issue names the field it is about. */
function checkOfferFields(offer: OfferFieldsShape, ctx: z.RefinementCtx): void {
  if (offer.validTo !== null && offer.validTo < offer.validFrom) {
    ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'must not be before validFrom' });
  }
  if (PLAN_MOVE_KINDS.includes(offer.kind) && offer.targetPlanCode === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['targetPlanCode'],
      message: `is required for a ${offer.kind} offer (the plan moved to)`,
    });
  }
}

export const offerFieldsSchema = offerFieldsObject.superRefine(checkOfferFields).meta({ id: 'OfferFields' });
export type OfferFields = z.infer<typeof offerFieldsSchema>;

export const newOfferBodySchema = offerFieldsObject
  .extend({ code: offerCodeSchema })
  .superRefine(checkOfferFields)
  .meta({ id: 'NewOffer' });
export type NewOffer = z.infer<typeof newOfferBodySchema>;

export const offerParamsSchema = z.object({ code: offerCodeSchema });

export const listOffersQuerySchema = z.object({
  rule: z.enum(OFFER_RULES).optional(),
  /** true: on sale and within validity today; false: the rest. */
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Offers that may be presented on this channel (its own or 'any'). */
  channel: z.enum(CONTACT_CHANNELS).optional(),
  lang: z.enum(LOCALES).default('zh-CN').describe('Language of name and description'),
});
export type ListOffersQuery = z.infer<typeof listOffersQuerySchema>;

export const offerLocaleQuerySchema = listOffersQuerySchema.pick({ lang: true });

export const offerSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    rule: z.string(),
    kind: z.string(),
    /** Name and description in the requested language. */
    name: z.string(),
    description: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    descriptionZh: z.string(),
    descriptionEn: z.string(),
    eligibility: offerEligibilitySchema,
    costFen: z.number().int(),
    targetPlanCode: z.string().nullable(),
    channel: z.string(),
    scriptCode: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    isActive: z.boolean(),
    /** On sale and within its validity today (Asia/Shanghai). */
    availableToday: z.boolean(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Offer' });
export type OfferView = z.infer<typeof offerSchema>;

export const offerListSchema = z
  .object({ asOf: z.string(), items: z.array(offerSchema) })
  .meta({ id: 'OfferList' });
