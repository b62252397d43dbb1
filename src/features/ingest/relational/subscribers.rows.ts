import type { Brand, SubscriberStatus, VipLevel } from '#src/db/schema/enums';
import { dateBetween, FieldReader, type RejectedRow, type RowRules } from './field-reader';
import { type Invalid, parseBoolean } from './field-rules';
import type { FileColumn, HeaderIndex } from './header-check';
import {
  parseBrand,
  parseGender,
  parseIdNumber,
  parseMsisdn,
  parseSceneTags,
  parseSubscriberStatus,
  parseVipLevel,
} from './vocabularies';

/** docs/data-formats.md § subscribers. */
export const SUBSCRIBER_COLUMNS: readonly FileColumn[] = [
  { name: 'msisdn', required: true },
  { name: 'name', required: true },
  { name: 'gender', required: false },
  { name: 'birth_date', required: false },
  { name: 'id_number', required: false },
  { name: 'province', required: true },
  { name: 'city', required: true },
  { name: 'district', required: false },
  { name: 'join_date', required: true },
  { name: 'brand', required: true },
  { name: 'plan_code', required: true },
  { name: 'status', required: true },
  { name: 'status_since', required: true },
  { name: 'is_group_customer', required: false },
  { name: 'vip_level', required: false },
  { name: 'contract_end', required: false },
  { name: 'handset_model', required: false },
  { name: 'marketing_consent', required: false },
  { name: 'do_not_call', required: false },
  { name: 'profiling_opt_out', required: false },
  { name: 'scene_tags', required: false },
];

export type SubscriberRow = {
  msisdn: string;
  name: string;
  gender: 'M' | 'F' | null;
  birthDate: string | null;
  idNumber: string | null;
  province: string;
  city: string;
  district: string | null;
  joinDate: string;
  brand: Brand;
  planId: number;
  status: SubscriberStatus;
  statusSince: string;
  isGroupCustomer: boolean;
  vipLevel: VipLevel;
  contractEnd: string | null;
  handsetModel: string | null;
  marketingConsent: boolean;
  doNotCall: boolean;
  profilingOptOut: boolean;
  sceneTags: string[];
};

/** The date windows of one import and the plans rows may point at (code → plans.id). */
export type SubscriberRules = {
  planIds: ReadonlyMap<string, number>;
  birthDate: (text: string) => string | Invalid;
  joinDate: (text: string) => string | Invalid;
  statusSince: (text: string) => string | Invalid;
  contractEnd: (text: string) => string | Invalid;
};

export function subscriberRules(rules: RowRules, planIds: ReadonlyMap<string, number>): SubscriberRules {
  const today = `today (${rules.today})`;
  return {
    planIds,
    birthDate: dateBetween('1900-01-01', rules.today, today),
    joinDate: dateBetween('1987-01-01', rules.today, today),
    statusSince: dateBetween(undefined, rules.today, today),
    contractEnd: dateBetween(undefined, undefined),
  };
}

const NO_TAGS: string[] = [];

export function parseSubscriberRow(
  cells: readonly string[],
  header: HeaderIndex,
  line: number,
  rules: SubscriberRules,
): SubscriberRow | RejectedRow {
  // Cells are read in column order so a row's errors come out in that order too.
  const r = new FieldReader(cells, header, line);
  const msisdn = r.required('msisdn', parseMsisdn, '');
  const name = r.requiredText('name', 50);
  const gender = r.optional('gender', parseGender, null);
  const birthDate = r.optional('birth_date', rules.birthDate, null);
  const idNumber = r.optional('id_number', parseIdNumber, null);
  const province = r.requiredText('province');
  const city = r.requiredText('city');
  const district = r.optionalText('district');
  const joinDate = r.required('join_date', rules.joinDate, '');
  const brand = r.required('brand', parseBrand, 'gotone');
  const planCode = r.requiredText('plan_code');
  const planId = rules.planIds.get(planCode);
  if (planCode !== '' && planId === undefined) {
    r.fail('plan_code', planCode, 'is not a plan that has been imported; import the plans file first');
  }
  const status = r.required('status', parseSubscriberStatus, 'active');
  const statusSince = r.required('status_since', rules.statusSince, '');
  if (joinDate !== '' && statusSince !== '' && statusSince < joinDate) {
    r.fail('status_since', statusSince, `is before join_date (${joinDate})`);
  }
  return r.result({
    msisdn,
    name,
    gender,
    birthDate,
    idNumber,
    province,
    city,
    district,
    joinDate,
    brand,
    planId: planId ?? 0,
    status,
    statusSince,
    isGroupCustomer: r.optional('is_group_customer', parseBoolean, false),
    vipLevel: r.optional('vip_level', parseVipLevel, 'none'),
    contractEnd: r.optional('contract_end', rules.contractEnd, null),
    handsetModel: r.optionalText('handset_model'),
    marketingConsent: r.optional('marketing_consent', parseBoolean, false),
    doNotCall: r.optional('do_not_call', parseBoolean, false),
    profilingOptOut: r.optional('profiling_opt_out', parseBoolean, false),
    sceneTags: r.optional('scene_tags', parseSceneTags, NO_TAGS),
  });
}
