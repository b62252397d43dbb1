// Test helpers for the relational importers (imported by *.test.ts only).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '#src/db/client';
import { checkHeader, type FileColumn, type HeaderIndex } from './header-check';
import type { RelationalContext } from './import-definition';

/** The date tests pin as "today" so range rules do not move with the calendar. */
export const TEST_TODAY = '2026-11-20';

export function testContext(handle: DbHandle, today: string | undefined = TEST_TODAY): RelationalContext {
  return { handle, timeZone: 'Asia/Shanghai', ...(today ? { today } : {}) };
}

/** A temp directory for CSV fixtures; `cleanup()` removes it. */
export function csvDir(): {
  dir: string;
  write(name: string, content: string | Buffer): string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'vipdesk-rel-'));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The header index of a comma-separated header line that is known to be valid. */
export function headerOf(line: string, columns: readonly FileColumn[]): HeaderIndex {
  const index = checkHeader(line.split(','), columns);
  if (Array.isArray(index)) throw new Error(`test header is not valid: ${JSON.stringify(index)}`);
  return index;
}

/** Lines joined with LF and a final newline, like most exports. */
export function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

export const PLANS_HEADER =
  'plan_code,name,brand,monthly_fee_yuan,included_minutes,included_data_mb,included_sms,overage_voice_yuan_per_minute,overage_data_yuan_per_mb,overage_sms_yuan,is_active';

export const SUBSCRIBERS_HEADER =
  'msisdn,name,gender,birth_date,id_number,province,city,district,join_date,brand,plan_code,status,status_since,is_group_customer,vip_level,contract_end,handset_model,marketing_consent,do_not_call,profiling_opt_out,scene_tags';

/** A good plans row; `fields` replaces cells by column name. */
export function planLine(code: string, fields: Record<string, string> = {}): string {
  return lineFor(PLANS_HEADER, {
    plan_code: code,
    name: `${code}套餐`,
    brand: 'gotone',
    monthly_fee_yuan: '128',
    included_minutes: '500',
    included_data_mb: '30720',
    included_sms: '100',
    overage_voice_yuan_per_minute: '0.19',
    overage_data_yuan_per_mb: '0.29',
    overage_sms_yuan: '0.1',
    is_active: 'true',
    ...fields,
  });
}

/** A good subscribers row on plan `P128`; `fields` replaces cells by column name. */
export function subscriberLine(msisdn: string, fields: Record<string, string> = {}): string {
  return lineFor(SUBSCRIBERS_HEADER, {
    msisdn,
    name: '王芳',
    gender: 'F',
    birth_date: '1985-06-15',
    id_number: '32010219850615001X',
    province: '江苏省',
    city: '南京市',
    district: '鼓楼区',
    join_date: '2015-03-01',
    brand: 'gotone',
    plan_code: 'P128',
    status: 'active',
    status_since: '2015-03-01',
    is_group_customer: 'false',
    vip_level: 'gold',
    contract_end: '2027-03-01',
    handset_model: 'Huawei Mate 60',
    marketing_consent: 'true',
    do_not_call: 'false',
    profiling_opt_out: 'false',
    scene_tags: 'family',
    ...fields,
  });
}

function lineFor(header: string, values: Record<string, string>): string {
  return header
    .split(',')
    .map((column) => values[column] ?? '')
    .join(',');
}
