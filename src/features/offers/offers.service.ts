import type { Database } from '#src/db/client';
import type { DecisionOffer } from '#src/features/decisions/decision-types';
import type { Locale } from '#src/features/scoring/scores/scores.schemas';
import { AppError, notFound } from '#src/lib/app-error';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { type OfferEligibility, offerEligibilitySchema } from './offer-eligibility';
import { isOfferChannel } from './offer-vocabulary';
import {
  findOfferByCode,
  findOffers,
  findPlansByCodes,
  insertOffer,
  type OfferRow,
  type OfferWrite,
  scriptExists,
  updateOffer as updateOfferRow,
} from './offers.repository';
import type { ListOffersQuery, NewOffer, OfferFields, OfferView } from './offers.schemas';

/** The catalogue, filtered; `today` (business time zone) decides what "active" means. */
export async function listOffers(db: Database, query: ListOffersQuery, today: string) {
  const rows = await findOffers(db, {
    rule: query.rule,
    channel: query.channel,
    available: query.active === undefined ? undefined : { on: today, is: query.active },
  });
  return { asOf: today, items: rows.map((row) => toView(row, query.lang, today)) };
}

export async function getOffer(db: Database, code: string, lang: Locale, today: string): Promise<OfferView> {
  const row = await findOfferByCode(db, code);
  if (!row) throw notFound(`Offer ${code}`);
  return toView(row, lang, today);
}

/** Adds an offer after checking what it refers to; audited. A taken code is a conflict. */
export async function createOffer(
  db: Database,
  actor: Actor,
  offer: NewOffer,
  today: string,
): Promise<OfferView> {
  await assertReferencesExist(db, offer);
  const row = await insertOffer(db, toWrite(offer.code, offer));
  if (!row) throw new AppError('CONFLICT', `An offer with code ${offer.code} already exists`);
  await auditActor(db, actor, {
    action: 'offer.create',
    target: row.code,
    details: { rule: row.rule, kind: row.kind, costFen: row.costFen },
  });
  return toView(row, 'zh-CN', today);
}

/** Replaces an offer's fields (the code stays); audited with what changed. */
export async function updateOffer(
  db: Database,
  actor: Actor,
  code: string,
  fields: OfferFields,
  today: string,
): Promise<OfferView> {
  const before = await findOfferByCode(db, code);
  if (!before) throw notFound(`Offer ${code}`);
  await assertReferencesExist(db, fields);
  const { code: _unchanged, ...changes } = toWrite(code, fields);
  const row = await updateOfferRow(db, code, changes);
  if (!row) throw notFound(`Offer ${code}`);
  await auditActor(db, actor, {
    action: 'offer.update',
    target: code,
    details: { changes: changedFields(before, row) },
  });
  return toView(row, 'zh-CN', today);
}

/**
 * The offers a decision may present on `onDay` (YYYY-MM-DD): on sale and within validity, in the
 * shape next-best-action weighs them. Whether a subscriber may have one is `isEligible`'s job.
 */
export async function listActiveOffers(db: Database, onDay: string): Promise<DecisionOffer[]> {
  const rows = await findOffers(db, { available: { on: onDay, is: true } });
  const result: DecisionOffer[] = [];
  for (const row of rows) {
    if (!isOfferChannel(row.channel)) continue;
    result.push({
      code: row.code,
      rule: row.rule,
      kind: row.kind,
      costFen: row.costFen,
      channel: row.channel,
      eligibility: storedEligibility(row.eligibility),
    });
  }
  return result;
}

/**
 * Plan codes and the script must exist: an offer pointing nowhere would be presented and then
 * fail at the counter. A plan move must also go to a plan on sale. All problems are reported at
 * once, each with its field.
 */
async function assertReferencesExist(db: Database, offer: OfferFields): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  const eligiblePlans = offer.eligibility.planCodes ?? [];
  const wanted = [...eligiblePlans, ...(offer.targetPlanCode ? [offer.targetPlanCode] : [])];
  const known = await findPlansByCodes(db, wanted);
  if (offer.targetPlanCode !== null) {
    const target = known.get(offer.targetPlanCode);
    if (!target) issues.push({ path: 'body.targetPlanCode', message: `no plan '${offer.targetPlanCode}'` });
    else if (!target.isActive)
      issues.push({ path: 'body.targetPlanCode', message: `plan '${offer.targetPlanCode}' is not on sale` });
  }
  eligiblePlans.forEach((code, index) => {
    if (!known.has(code))
      issues.push({ path: `body.eligibility.planCodes.${index}`, message: `no plan '${code}'` });
  });
  if (offer.scriptCode !== null && !(await scriptExists(db, offer.scriptCode))) {
    issues.push({ path: 'body.scriptCode', message: `no script '${offer.scriptCode}'` });
  }
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'The offer refers to plans or scripts that do not exist', {
      issues,
    });
  }
}

function toWrite(code: string, offer: OfferFields): OfferWrite {
  return {
    code,
    rule: offer.rule,
    kind: offer.kind,
    nameZh: offer.nameZh,
    nameEn: offer.nameEn,
    descriptionZh: offer.descriptionZh,
    descriptionEn: offer.descriptionEn,
    eligibility: offer.eligibility,
    costFen: offer.costFen,
    targetPlanCode: offer.targetPlanCode,
    channel: offer.channel,
    scriptCode: offer.scriptCode,
    validFrom: offer.validFrom,
    validTo: offer.validTo,
    isActive: offer.isActive,
  };
}

const AUDITED_FIELDS = [
  'rule',
  'kind',
  'nameZh',
  'nameEn',
  'descriptionZh',
  'descriptionEn',
  'eligibility',
  'costFen',
  'targetPlanCode',
  'channel',
  'scriptCode',
  'validFrom',
  'validTo',
  'isActive',
] as const satisfies readonly (keyof OfferRow)[];

/** Field → { from, to } for what an update changed, so the audit log answers "who changed the cost". */
function changedFields(before: OfferRow, after: OfferRow): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of AUDITED_FIELDS) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      changes[field] = { from: before[field], to: after[field] };
    }
  }
  return changes;
}

/** Stored eligibility was validated on write; parsing again types it (and fails loudly if edited by hand). */
function storedEligibility(value: unknown): OfferEligibility {
  return offerEligibilitySchema.parse(value ?? {});
}

function availableOnDay(row: OfferRow, day: string): boolean {
  return row.isActive && row.validFrom <= day && (row.validTo === null || row.validTo >= day);
}

function toView(row: OfferRow, lang: Locale, today: string): OfferView {
  return {
    id: row.id,
    code: row.code,
    rule: row.rule,
    kind: row.kind,
    name: lang === 'en' ? row.nameEn : row.nameZh,
    description: lang === 'en' ? row.descriptionEn : row.descriptionZh,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    descriptionZh: row.descriptionZh,
    descriptionEn: row.descriptionEn,
    eligibility: storedEligibility(row.eligibility),
    costFen: row.costFen,
    targetPlanCode: row.targetPlanCode,
    channel: row.channel,
    scriptCode: row.scriptCode,
    validFrom: row.validFrom,
    validTo: row.validTo,
    isActive: row.isActive,
    availableToday: availableOnDay(row, today),
    updatedAt: row.updatedAt,
  };
}
