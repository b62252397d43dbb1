import { formatFenAsYuan } from '#src/lib/money';
import type { BillRow } from './bills';
import { formatDay } from './calendar';
import type { ComplaintRow } from './complaints';
import type { ContractRow } from './contracts';
import { PROVINCE } from './places';
import type { Plan } from './plans';
import type { SubscriberRecords } from './subscriber-records';
import type { UsageRow } from './usage';

/** Header rows exactly as docs/data-formats.md names the columns, every optional one included. */
export const HEADERS = {
  plans:
    'plan_code,name,brand,monthly_fee_yuan,included_minutes,included_data_mb,included_sms,' +
    'overage_voice_yuan_per_minute,overage_data_yuan_per_mb,overage_sms_yuan,is_active',
  subscribers:
    'msisdn,name,gender,birth_date,id_number,province,city,district,join_date,brand,plan_code,status,' +
    'status_since,is_group_customer,vip_level,contract_end,handset_model,marketing_consent,do_not_call,' +
    'profiling_opt_out,scene_tags',
  contracts: 'contract_no,msisdn,kind,start_date,end_date,monthly_commitment_yuan,status',
  complaints: 'complaint_no,msisdn,opened_at,category,status,sla_due_at,resolved_at,description',
  bills:
    'msisdn,month,total_yuan,voice_yuan,data_yuan,sms_yuan,value_added_yuan,overage_yuan,minutes,data_mb,sms_count',
  usage:
    'msisdn,date,calls_out,calls_in,minutes,distinct_contacts,data_mb,night_data_mb,' +
    'competitor_hotline_calls,competitor_marketing_contacts',
  groundTruth: 'msisdn,churn_month,planted_signals',
};

/** Quotes a free-text cell only when it must be (RFC 4180). */
export function cell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const yuan = formatFenAsYuan;

/** 1234 tenths of a MB → "123.4". */
export function tenthsToMb(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export function planLine(plan: Plan): string {
  return [
    plan.code,
    cell(plan.name),
    plan.brand,
    yuan(plan.monthlyFeeFen),
    plan.includedMinutes,
    plan.includedDataMb,
    plan.includedSms,
    yuan(plan.overageVoiceFenPerMinute),
    yuan(plan.overageDataFenPerMb),
    yuan(plan.overageSmsFen),
    plan.isActive,
  ].join(',');
}

export function subscriberLine(records: SubscriberRecords): string {
  const { profile: p, state } = records;
  return [
    p.msisdn,
    cell(p.name),
    p.gender,
    p.birthDate,
    p.idNumber,
    PROVINCE,
    p.residence.city.name,
    p.residence.district.name,
    formatDay(p.joinDay),
    p.brand,
    p.plan.code,
    state.status,
    state.statusSince,
    p.isGroupCustomer,
    p.vipLevel,
    state.contractEnd ?? '',
    cell(p.handsetModel ?? ''),
    p.marketingConsent,
    p.doNotCall,
    p.profilingOptOut,
    p.sceneTags.join(';'),
  ].join(',');
}

export function contractLine(msisdn: string, c: ContractRow): string {
  return [c.contractNo, msisdn, c.kind, c.startDate, c.endDate, yuan(c.monthlyCommitmentFen), c.status].join(
    ',',
  );
}

export function complaintLine(msisdn: string, c: ComplaintRow): string {
  return [
    c.complaintNo,
    msisdn,
    c.openedAt,
    c.category,
    c.status,
    c.slaDueAt,
    c.resolvedAt ?? '',
    cell(c.description),
  ].join(',');
}

export function billLine(msisdn: string, b: BillRow): string {
  return [
    msisdn,
    b.month,
    yuan(b.totalFen),
    yuan(b.voiceFen),
    yuan(b.dataFen),
    yuan(b.smsFen),
    yuan(b.valueAddedFen),
    yuan(b.overageFen),
    b.minutes,
    tenthsToMb(b.dataTenths),
    b.smsCount,
  ].join(',');
}

/** The hot path (millions of rows): one template literal, no intermediate array. */
export function usageLine(msisdn: string, u: UsageRow): string {
  return `${msisdn},${u.date},${u.callsOut},${u.callsIn},${u.minutes},${u.distinctContacts},${tenthsToMb(u.dataTenths)},${tenthsToMb(u.nightTenths)},${u.hotlineCalls},${u.marketingContacts}`;
}

export function truthLine(msisdn: string, churnMonth: string, signals: readonly string[]): string {
  return `${msisdn},${churnMonth},${signals.join(';')}`;
}
