import dayjs, { type Dayjs } from 'dayjs';
import type { Offer, OfferEligibility, OfferFields } from '../../api/types-supervision';
import type { FieldIssue } from '../campaigns/formIssues';

type EligibilityValues = {
  tiers: string[];
  riskBands: string[];
  segments: string[];
  signals: string[];
  planCodes: string[];
  sceneTags: string[];
  minTenureMonths: number | null;
};

/** The offer drawer's fields; money in yuan on screen, fen on the wire. */
export type OfferFormValues = {
  code: string;
  rule: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  eligibility: EligibilityValues;
  costYuan: number | null;
  targetPlanCode: string | null;
  channel: string;
  scriptCode: string | null;
  validFrom: Dayjs | null;
  validTo: Dayjs | null;
  isActive: boolean;
};

export function offerFormValues(offer: Offer | null, rule: string): OfferFormValues {
  const e: OfferEligibility = offer?.eligibility ?? {};
  return {
    code: offer?.code ?? '',
    rule: offer?.rule ?? rule,
    kind: offer?.kind ?? 'bill_discount',
    nameZh: offer?.nameZh ?? '',
    nameEn: offer?.nameEn ?? '',
    descriptionZh: offer?.descriptionZh ?? '',
    descriptionEn: offer?.descriptionEn ?? '',
    eligibility: {
      tiers: e.tiers ?? [],
      riskBands: e.riskBands ?? [],
      segments: e.segments ?? [],
      signals: e.signals ?? [],
      planCodes: e.planCodes ?? [],
      sceneTags: e.sceneTags ?? [],
      minTenureMonths: e.minTenureMonths ?? null,
    },
    costYuan: offer ? offer.costFen / 100 : 0,
    targetPlanCode: offer?.targetPlanCode ?? null,
    channel: offer?.channel ?? 'call',
    scriptCode: offer?.scriptCode ?? null,
    validFrom: offer ? dayjs(offer.validFrom) : dayjs(),
    validTo: offer?.validTo ? dayjs(offer.validTo) : null,
    isActive: offer?.isActive ?? true,
  };
}

/** Only the conditions that narrow: an empty list means "anyone" and is left out. */
function eligibilityOf(values: EligibilityValues): OfferEligibility {
  const out: OfferEligibility = {};
  const lists = ['tiers', 'riskBands', 'segments', 'signals', 'planCodes', 'sceneTags'] as const;
  for (const key of lists) {
    if (values[key].length > 0) out[key] = values[key];
  }
  if (values.minTenureMonths !== null && values.minTenureMonths > 0)
    out.minTenureMonths = values.minTenureMonths;
  return out;
}

const blankToNull = (value: string | null | undefined) =>
  value && value.trim() !== '' ? value.trim() : null;

export function offerFields(values: OfferFormValues): OfferFields {
  return {
    rule: values.rule,
    kind: values.kind,
    nameZh: values.nameZh.trim(),
    nameEn: values.nameEn.trim(),
    descriptionZh: (values.descriptionZh ?? '').trim(),
    descriptionEn: (values.descriptionEn ?? '').trim(),
    eligibility: eligibilityOf(values.eligibility),
    costFen: values.costYuan === null ? Number.NaN : Math.round(values.costYuan * 100),
    targetPlanCode: blankToNull(values.targetPlanCode),
    channel: values.channel,
    scriptCode: blankToNull(values.scriptCode),
    validFrom: values.validFrom ? values.validFrom.format('YYYY-MM-DD') : '',
    validTo: values.validTo ? values.validTo.format('YYYY-MM-DD') : null,
    isActive: values.isActive,
  };
}

/** Where a server issue belongs in the form: `costFen` shows on the yuan field, eligibility by list. */
export function offerFieldName(issue: FieldIssue): (string | number)[] | null {
  const [first, second] = issue.path;
  if (first === undefined) return null;
  if (first === 'costFen') return ['costYuan'];
  if (first === 'eligibility') return second === undefined ? null : ['eligibility', second];
  const known = [
    'code',
    'rule',
    'kind',
    'nameZh',
    'nameEn',
    'descriptionZh',
    'descriptionEn',
    'targetPlanCode',
    'channel',
    'scriptCode',
    'validFrom',
    'validTo',
    'isActive',
  ];
  return known.includes(first) ? [first] : null;
}
