import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const dataDir = mkdtempSync(join(tmpdir(), 'vipdesk-cli-'));
const env = { VIPDESK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('vipdesk command', () => {
  it('documents every command in --help', async () => {
    const result = await runCli(['--help'], env);
    expect(result.code).toBe(0);
    for (const command of ['start', 'import', 'demo', 'migrate']) expect(result.stdout).toContain(command);
    const importHelp = await runCli(['import', '--help'], env);
    expect(importHelp.stdout).toMatch(/--skip-bad/);
    expect(importHelp.stdout).toMatch(/subscribers, plans, contracts, complaints, bills, usage/);
  });

  it('exits non-zero naming the problem for an unknown kind or a missing file', async () => {
    const unknownKind = await runCli(['import', 'handsets', 'x.csv'], env);
    expect(unknownKind.code).not.toBe(0);
    expect(unknownKind.stderr).toMatch(/unknown kind 'handsets'/);
    const missing = await runCli(['import', 'plans', join(dataDir, 'nope.csv')], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/File not found/);
  });

  it('exits 2 listing every configuration problem at once', async () => {
    const result = await runCli(['migrate'], { ...env, PORT: 'x', VIPDESK_TIMEZONE: 'Nowhere/Land' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/VIPDESK_TIMEZONE/);
  });

  it('imports a good file, then refuses a bad one with line, column and reason and exit code 1', async () => {
    const good = join(dataDir, 'plans.csv');
    const header =
      'plan_code,name,brand,monthly_fee_yuan,included_minutes,included_data_mb,included_sms,overage_voice_yuan_per_minute,overage_data_yuan_per_mb,overage_sms_yuan';
    writeFileSync(good, `${header}\nP58,动感地带58元,mzone,58,200,20480,50,0.15,0.05,0.1\n`);
    const ok = await runCli(['import', 'plans', good], env);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/plans: 1 row\(s\) imported/);

    const bad = join(dataDir, 'plans-bad.csv');
    writeFileSync(bad, `${header}\nP88,全球通88元,gotone,-88,300,30720,100,0.15,0.05,0.1\n`);
    const refused = await runCli(['import', 'plans', bad], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/nothing imported/);
    expect(refused.stderr).toMatch(/line 2, column monthly_fee_yuan/);
  });
});
