/**
 * The words of the offer catalogue (DOMAIN.md §7). Kept as text columns with the vocabularies here,
 * like the other domain enums: adding a kind is a code change, not a migration.
 */

/** The five retention rules (五类保有法则): the catalogue's types. */
export const OFFER_RULES = ['cost', 'product', 'relationship', 'value', 'embedded'] as const;
export type OfferRule = (typeof OFFER_RULES)[number];

/** What an offer does, across the rules' methods in the seed material [000][002]. */
export const OFFER_KINDS = [
  /** 话费直降: a direct credit on the bill. */
  'bill_discount',
  /** 分月返还: credit paid back month by month while the subscriber stays. */
  'monthly_rebate',
  /** 充值返还: recharge X, get Y back. */
  'recharge_rebate',
  /** 预存话费送手机 / 合约机: a handset subsidy against a spend commitment. */
  'handset_subsidy',
  /** 利益捆绑: group products bundled at a discount (V网 + 集团短信 + 集团彩铃). */
  'group_bundle',
  /** 定制化捆绑: a customised bundle around a contract handset. */
  'custom_bundle',
  /** 多元化产品整合: mobile + broadband + TV in one bill. */
  'broadband_bundle',
  /** A move to another catalogue plan (targetPlanCode). */
  'plan_change',
  /** A move to a family plan with shared data and extra cards (targetPlanCode). */
  'family_plan',
  /** Data that only counts 00:00–06:00, for night-time streamers. */
  'night_pack',
  /** 节日权益包 and other time-limited data packs. */
  'data_pack',
  /** 感动服务: a VIP surprise (birthday, lounge, home visit). */
  'surprise_care',
  /** 圈子关怀: club activities (badminton, tennis, yoga). */
  'club',
  /** 品牌强化: brand events and privileges. */
  'brand_event',
  /** 信息服务: curated information sent to the subscriber. */
  'info_service',
  /** 爱家服务: family reminders and family-care messages. */
  'family_care',
] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

/** Kinds that move the subscriber to another plan and so must name it. */
export const PLAN_MOVE_KINDS: readonly OfferKind[] = ['plan_change', 'family_plan'];

/** Where an offer may be presented: on a call, by SMS, or either. */
export const OFFER_CHANNELS = ['call', 'sms', 'any'] as const;
export type OfferChannel = (typeof OFFER_CHANNELS)[number];

export function isOfferChannel(value: string): value is OfferChannel {
  return OFFER_CHANNELS.some((c) => c === value);
}

/** The channels a contact actually happens on. */
export const CONTACT_CHANNELS = ['call', 'sms'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Whether an offer may be presented on a contact of `channel`: its own channel, or any. */
export function usableOn(offerChannel: string, channel: ContactChannel): boolean {
  return offerChannel === channel || offerChannel === 'any';
}
