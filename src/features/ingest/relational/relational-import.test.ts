import { existsSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { describeEachEngine } from '#test/support/database';
import type { ImportProgress } from '../import-report';
import { importPlans } from './plans.import';
import { csv, csvDir, PLANS_HEADER, planLine, testContext } from './test-files';

// File-level behaviour shared by every relational kind, exercised through the simplest (plans).
describeEachEngine('relational import files', (getDb) => {
  const files = csvDir();
  afterAll(() => files.cleanup());
  beforeEach(async () => {
    await queryRows(getDb().engine, 'TRUNCATE plans CASCADE');
  });

  const run = (name: string, content: string | Buffer, options = {}) =>
    importPlans(testContext(getDb()), files.write(name, content), options);
  const planCodes = async () =>
    (
      await queryRows<{ code: string; name: string }>(
        getDb().engine,
        'SELECT code, name FROM plans ORDER BY code',
      )
    ).map((p) => `${p.code}:${p.name}`);

  it('refuses invalid UTF-8, naming the line and suggesting --encoding gbk', async () => {
    const gbkRow = iconv.encode(`${planLine('P2', { name: '全球通套餐' })}\n`, 'gbk');
    const content = Buffer.concat([Buffer.from(csv(PLANS_HEADER, planLine('P1'))), gbkRow]);
    const report = await run('gbk-as-utf8.csv', content);
    expect(report.status).toBe('rejected');
    expect(report.errors).toEqual([
      {
        line: 3,
        column: null,
        reason: expect.stringMatching(/not valid UTF-8.*--encoding gbk/),
      },
    ]);
    expect(await planCodes()).toEqual([]);
  });

  it('refuses invalid UTF-8 found deep in a large file after COPY has started, writing nothing', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => planLine(`P${i}`, { name: `套餐${i}` }));
    const content = Buffer.concat([
      Buffer.from(csv(PLANS_HEADER, ...rows)),
      Buffer.from([0x50, 0x2c, 0xff, 0x0a]),
    ]);
    const report = await run('late-bad-byte.csv', content);
    expect(report.status).toBe('rejected');
    expect(report.errors.at(-1)).toMatchObject({ line: 30_002, column: null });
    expect(await planCodes()).toEqual([]);
  });

  it('reads a GBK file when encoding gbk is given', async () => {
    const content = iconv.encode(
      csv(PLANS_HEADER, planLine('P1', { name: '全球通128元', brand: '全球通' })),
      'gbk',
    );
    const report = await run('gbk.csv', content, { encoding: 'gbk' });
    expect(report.status).toBe('committed');
    expect(await planCodes()).toEqual(['P1:全球通128元']);
  });

  it('accepts a UTF-8 byte-order mark before the header', async () => {
    const report = await run('bom.csv', `\uFEFF${csv(PLANS_HEADER, planLine('P1'))}`);
    expect(report).toMatchObject({ status: 'committed', rowsLoaded: 1 });
  });

  it.each([
    [';', 'semicolons (;)'],
    ['\t', 'tabs'],
    ['|', 'vertical bars (|)'],
  ])('refuses a file delimited by %j, naming the delimiter', async (delimiter, name) => {
    const content = csv(PLANS_HEADER.replaceAll(',', delimiter), planLine('P1').replaceAll(',', delimiter));
    const report = await run('delimited.csv', content);
    expect(report).toMatchObject({ status: 'rejected', rowsRead: 0 });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]?.reason).toBe(
      `the header is separated by ${name}, not commas; save the file as comma-separated CSV`,
    );
  });

  it('refuses missing and unknown columns before reading any row', async () => {
    const header = PLANS_HEADER.replace('included_sms', 'included_smss').replace(',name', '');
    const report = await run('header.csv', csv(header, 'P1,gotone,128,500,30720,100,0.19,0.29,0.1,true'));
    expect(report).toMatchObject({ status: 'rejected', rowsRead: 0 });
    expect(report.errors.map((e) => [e.line, e.column, e.reason.split(';')[0]])).toEqual([
      [1, 'included_smss', 'unknown column'],
      [1, 'name', 'required column is missing from the header'],
      [1, 'included_sms', 'required column is missing from the header'],
    ]);
  });

  it('matches header names in any order and case, ignoring surrounding spaces', async () => {
    const report = await run(
      'order.csv',
      csv(
        ' NAME ,Plan_Code,brand,monthly_fee_yuan,included_minutes,included_data_mb,included_sms,overage_voice_yuan_per_minute,overage_data_yuan_per_mb,overage_sms_yuan',
        '神州行19元,P19,easyown,19,50,1024,0,0.19,0.29,0.1',
      ),
    );
    expect(report.status).toBe('committed');
    expect(await planCodes()).toEqual(['P19:神州行19元']);
  });

  it('commits without loading anything when the file has only a header', async () => {
    const report = await run('header-only.csv', PLANS_HEADER);
    expect(report).toMatchObject({ status: 'committed', rowsRead: 0, rowsLoaded: 0, errorCount: 0 });
  });

  it('writes no rejects file when a skipBad import is refused as a whole', async () => {
    const path = files.write('refused.csv', csv(PLANS_HEADER.replaceAll(',', ';'), planLine('P1')));
    const report = await importPlans(testContext(getDb()), path, { skipBad: true });
    expect(report).toMatchObject({ status: 'rejected', rowsLoaded: 0 });
    expect(report.rejectsFile).toBeUndefined();
    expect(existsSync(`${path}.rejects.csv`)).toBe(false);
  });

  it('refuses an empty file', async () => {
    const report = await run('empty.csv', '');
    expect(report.errors).toEqual([
      { line: 1, column: null, reason: 'the file is empty; expected a header row of column names' },
    ]);
  });

  it('reports a row with the wrong number of fields', async () => {
    const report = await run('count.csv', csv(PLANS_HEADER, planLine('P1'), 'P2,短行,gotone'));
    expect(report.errors).toEqual([
      {
        line: 3,
        column: null,
        value: 'P2,短行,gotone',
        reason: 'has 3 field(s) but the header has 11 columns',
      },
    ]);
  });

  it('gives physical lines after quoted multi-line fields, CRLF endings and blank lines', async () => {
    const content = [
      PLANS_HEADER,
      planLine('P1', { name: '"第一行\r\n第二行\r\n第三行"' }),
      '',
      planLine('P2', { monthly_fee_yuan: 'abc' }),
      planLine('P3', { name: '"a\nb"', included_sms: '-1' }),
      planLine('P4', { brand: 'unicom' }),
      '',
    ].join('\r\n');
    const report = await run('lines.csv', content);
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [6, 'monthly_fee_yuan'],
      [7, 'included_sms'],
      [9, 'brand'],
    ]);
  });

  it('refuses a file whose quoted field is never closed, naming the line it opens on', async () => {
    const report = await run(
      'quote.csv',
      csv(PLANS_HEADER, planLine('P1'), planLine('P2', { name: '"open' }), planLine('P3')),
    );
    expect(report.status).toBe('rejected');
    expect(report.errors.at(-1)).toMatchObject({ line: 3, reason: expect.stringContaining('never closed') });
  });

  it('reports progress every 50,000 rows and at the end', async () => {
    const rows = Array.from({ length: 100_001 }, (_, i) => planLine(`P${i}`));
    const seen: ImportProgress[] = [];
    const report = await run('many.csv', csv(PLANS_HEADER, ...rows), {
      onProgress: (p: ImportProgress) => seen.push(p),
    });
    expect(report).toMatchObject({ status: 'committed', rowsLoaded: 100_001 });
    expect(seen.map((p) => p.rowsRead)).toEqual([50_000, 100_000, 100_001]);
    const last = seen.at(-1);
    expect(last?.bytesRead).toBe(last?.totalBytes);
  });

  it('lists every error in the errors file when there are more than the report holds', async () => {
    const rows = Array.from({ length: 1_200 }, (_, i) => planLine(`P${i}`, { included_minutes: 'many' }));
    const path = files.write('errors.csv', csv(PLANS_HEADER, ...rows));
    const report = await importPlans(testContext(getDb()), path);
    expect(report).toMatchObject({
      errorCount: 1_200,
      rowsRejected: 1_200,
      errorsFile: `${path}.errors.csv`,
    });
    expect(report.errors).toHaveLength(1_000);
    expect(readFileSync(`${path}.errors.csv`, 'utf8').trim().split('\n')).toHaveLength(1_201);
  });

  it('writes rejects in the file encoding and none when skipBad finds nothing bad', async () => {
    const bad = iconv.encode(
      csv(PLANS_HEADER, planLine('P1'), planLine('P2', { name: '坏行', brand: '联通' })),
      'gbk',
    );
    const badPath = files.write('gbk-bad.csv', bad);
    const report = await importPlans(testContext(getDb()), badPath, { encoding: 'gbk', skipBad: true });
    expect(report).toMatchObject({ status: 'committed', rowsLoaded: 1, rowsRejected: 1 });
    expect(iconv.decode(readFileSync(`${badPath}.rejects.csv`), 'gbk')).toBe(
      csv(PLANS_HEADER, planLine('P2', { name: '坏行', brand: '联通' })),
    );
    const goodPath = files.write('good.csv', csv(PLANS_HEADER, planLine('P3')));
    const good = await importPlans(testContext(getDb()), goodPath, { skipBad: true });
    expect(good.rejectsFile).toBeUndefined();
    expect(existsSync(`${goodPath}.rejects.csv`)).toBe(false);
  });
});
