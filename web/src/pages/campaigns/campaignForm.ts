import dayjs, { type Dayjs } from 'dayjs';
import type { Campaign, CampaignBody, CampaignKind } from '../../api/types-supervision';
import { draftFromRule, type RuleDraft, toRule } from './segmentDraft';

/** The builder's form fields (the segment rules live beside the form, in their own rows). */
export type CampaignFormValues = {
  name: string;
  kind: CampaignKind;
  scriptCode: string | null;
  offerCodes: string[];
  startsOn: Dayjs | null;
  endsOn: Dayjs | null;
  dailyQuota: number | null;
  /** The holdout share in percent (the API takes a share 0–0.5). */
  holdoutPercent: number | null;
  outcomeWindowDays: number | null;
};

/** Server field names that the form shows under another name. */
export const FORM_FIELD_OF: Record<string, keyof CampaignFormValues> = {
  name: 'name',
  kind: 'kind',
  scriptCode: 'scriptCode',
  offerCodes: 'offerCodes',
  startsOn: 'startsOn',
  endsOn: 'endsOn',
  dailyQuota: 'dailyQuota',
  holdoutShare: 'holdoutPercent',
  outcomeWindowDays: 'outcomeWindowDays',
};

export const DEFAULT_HOLDOUT_PERCENT = 10;

export function initialFormValues(campaign: Campaign | null): CampaignFormValues {
  if (!campaign) {
    return {
      name: '',
      kind: 'retention',
      scriptCode: null,
      offerCodes: [],
      startsOn: dayjs(),
      endsOn: null,
      dailyQuota: 100,
      holdoutPercent: DEFAULT_HOLDOUT_PERCENT,
      outcomeWindowDays: 90,
    };
  }
  return {
    name: campaign.name,
    kind: campaign.kind,
    scriptCode: campaign.scriptCode,
    offerCodes: campaign.offerCodes,
    startsOn: dayjs(campaign.startsOn),
    endsOn: campaign.endsOn ? dayjs(campaign.endsOn) : null,
    dailyQuota: campaign.dailyQuota,
    holdoutPercent: Math.round(campaign.holdoutShare * 1000) / 10,
    outcomeWindowDays: campaign.outcomeWindowDays,
  };
}

export function initialRules(campaign: Campaign | null): RuleDraft[] {
  return campaign ? campaign.segment.rules.map(draftFromRule) : [];
}

/**
 * The request body. Missing numbers are sent as they are (null) so the server names the field,
 * rather than the builder silently sending a default the user did not see.
 */
export function campaignBody(
  values: Partial<CampaignFormValues>,
  rules: readonly RuleDraft[],
  teamId: number | null,
): CampaignBody {
  const percent = values.holdoutPercent;
  return {
    name: (values.name ?? '').trim(),
    kind: values.kind ?? 'retention',
    segment: { rules: rules.map(toRule) },
    scriptCode: values.scriptCode ?? null,
    offerCodes: values.offerCodes ?? [],
    startsOn: values.startsOn ? values.startsOn.format('YYYY-MM-DD') : '',
    endsOn: values.endsOn ? values.endsOn.format('YYYY-MM-DD') : null,
    dailyQuota: values.dailyQuota ?? Number.NaN,
    holdoutShare: typeof percent === 'number' ? Math.round(percent * 10) / 1000 : Number.NaN,
    outcomeWindowDays: values.outcomeWindowDays ?? Number.NaN,
    teamId,
  };
}

/** The saved campaign's body, to tell whether the builder holds unsaved changes. */
export function savedBody(campaign: Campaign): CampaignBody {
  return {
    name: campaign.name,
    kind: campaign.kind,
    segment: { rules: campaign.segment.rules },
    scriptCode: campaign.scriptCode,
    offerCodes: campaign.offerCodes,
    startsOn: campaign.startsOn,
    endsOn: campaign.endsOn,
    dailyQuota: campaign.dailyQuota,
    holdoutShare: campaign.holdoutShare,
    outcomeWindowDays: campaign.outcomeWindowDays,
    teamId: campaign.teamId,
  };
}
