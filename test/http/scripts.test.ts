import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import type { ScriptContent } from '#src/features/scripts/script-content';
import { scriptForCall } from '#src/features/scripts/scripts.service';
import { SEED_SCRIPTS, seedScripts } from '#src/features/scripts/scripts-seed';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';

type Finding = { section: string; phrase: string; code: string; match: string; suggestion: string };
type ScriptDetail = {
  code: string;
  version: number;
  updatedBy: string | null;
  title: string;
  lang: string;
  content: ScriptContent['zh-CN'];
  document: ScriptContent;
};

const CODE = 'retention_service_marketing';

describeEachEngine('call scripts over HTTP', (getDb) => {
  let t: TestApp;
  let analyst: TestUser;
  let agent: TestUser;
  let lead: TestUser;

  const seeded = SEED_SCRIPTS.find((s) => s.code === CODE);
  if (!seeded) throw new Error('seed script missing');

  const put = (user: TestUser | null, body: object, code = CODE) =>
    t.injectAs(user, { method: 'PUT', url: `/api/scripts/${code}`, payload: body });
  const getOne = async (user: TestUser, code = CODE, lang = 'zh-CN') =>
    t.injectAs(user, { method: 'GET', url: `/api/scripts/${code}?lang=${lang}` });
  const withZh = (zh: Partial<ScriptContent['zh-CN']>): ScriptContent => ({
    ...seeded.content,
    'zh-CN': { ...seeded.content['zh-CN'], ...zh },
  });

  beforeAll(async () => {
    const { db } = getDb();
    // Seeding twice is harmless: the second run inserts nothing.
    await seedScripts(db);
    await seedScripts(db);
    t = await buildTestApp(getDb());
    analyst = await t.user('analyst1', 'analyst');
    agent = await t.user('agent1', 'agent', 'A');
    lead = await t.user('lead1', 'lead', 'A');
  });

  afterAll(async () => {
    await t.close();
  });

  it('lists the six seeded scripts to an agent, with titles in both languages', async () => {
    const response = await t.injectAs(agent, { method: 'GET', url: '/api/scripts' });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      items: { code: string; scenario: string; titleZh: string; titleEn: string; version: number }[];
      variables: string[];
    };
    expect(body.items.map((i) => i.code).sort()).toEqual(SEED_SCRIPTS.map((s) => s.code).sort());
    expect(body.items.find((i) => i.code === 'care_revisit')).toMatchObject({
      scenario: 'revisit',
      titleZh: '业务办理回访',
      titleEn: 'Care call: revisit after business handled',
      version: 1,
    });
    expect(body.variables).toContain('subscriberName');
  });

  it('declares its operations in the OpenAPI document', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/scripts/{code}'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(Object.keys(doc.paths['/api/scripts/lint'] ?? {})).toEqual(['post']);
  });

  it('answers one script in the requested language', async () => {
    const zh = (await getOne(agent, 'care_key_moment')).json() as ScriptDetail;
    expect(zh).toMatchObject({ lang: 'zh-CN', title: '关键时刻关怀', version: 1 });
    expect(zh.content.opening).toContain('{occasion}');
    const en = await getOne(agent, 'care_key_moment', 'en');
    expect(en.statusCode).toBe(200);
    expect((en.json() as ScriptDetail).content.opening).toMatch(/^Hello \{subscriberName\}/);
    expect((await getOne(agent, 'no_such_script')).statusCode).toBe(404);
    expect((await getOne(agent, 'Bad-Code')).statusCode).toBe(400);
    expect((await getOne(agent, CODE, 'fr')).statusCode).toBe(400);
  });

  it('refuses edits from an agent and a lead, and from nobody signed in', async () => {
    expect((await put(agent, { content: seeded.content })).statusCode).toBe(403);
    expect((await put(lead, { content: seeded.content })).statusCode).toBe(403);
    expect((await put(null, { content: seeded.content })).statusCode).toBe(401);
    expect(((await getOne(agent)).json() as ScriptDetail).version).toBe(1);
  });

  it('refuses a script with a forbidden phrase, naming the section, the phrase and a better form', async () => {
    const zh = seeded.content['zh-CN'];
    const content = withZh({
      objections: zh.objections.map((o) =>
        o.trigger === 'think_about_it'
          ? { ...o, response: '您还是没有弄明白，这次请听好了：今天不办就没有了。' }
          : o,
      ),
    });
    const response = await put(analyst, { content });
    expect(response.statusCode).toBe(400);
    const error = response.json().error as {
      code: string;
      message: string;
      details: { findings: Finding[] };
    };
    const index = zh.objections.findIndex((o) => o.trigger === 'think_about_it');
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain(`zh-CN.objections.${index}.response`);
    expect(error.message).toContain('您还是没有弄明白');
    expect(error.details.findings.map((f) => [f.section, f.code, f.match])).toEqual([
      [`zh-CN.objections.${index}.response`, 'not_understood', '您还是没有弄明白'],
      [`zh-CN.objections.${index}.response`, 'not_understood', '请听好'],
    ]);
    expect(error.details.findings[0]?.suggestion).toBe('可能是我刚才没有说清楚，我再为您详细说明一遍。');

    const english = await put(analyst, {
      content: { ...seeded.content, en: { ...seeded.content.en, closing: 'You must decide today.' } },
    });
    expect(english.statusCode).toBe(400);
    expect(english.json().error.details.findings).toMatchObject([{ section: 'en.closing', code: 'must' }]);
    // Nothing was saved.
    expect(((await getOne(analyst)).json() as ScriptDetail).version).toBe(1);
  });

  it('refuses an unknown placeholder, naming the section', async () => {
    const response = await put(analyst, { content: withZh({ opening: '{customerName}您好！' }) });
    expect(response.statusCode).toBe(400);
    const issues = response.json().error.issues as { path: string; message: string }[];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('body.content.zh-CN.opening');
    expect(issues[0]?.message).toContain('unknown variable {customerName}');
  });

  it('saves an analyst edit as the next version, records the editor and audits it', async () => {
    const opening = '{subscriberName}您好！我是{operatorName}的客户经理{agentName}，耽误您一分钟可以吗？';
    const response = await put(analyst, {
      content: withZh({ opening }),
      titleZh: '维系服务营销外呼（新版）',
    });
    expect(response.statusCode).toBe(200);
    const saved = response.json() as ScriptDetail;
    expect(saved).toMatchObject({ version: 2, updatedBy: 'analyst1', title: '维系服务营销外呼（新版）' });
    expect(saved.content.opening).toBe(opening);
    expect(saved.document.en).toEqual(seeded.content.en);

    const again = await put(analyst, { content: withZh({ opening }), expectedVersion: 2 });
    expect(again.statusCode).toBe(200);
    expect((again.json() as ScriptDetail).version).toBe(3);

    const audit = await queryRows<{ actor_label: string; target: string; details: { version: number } }>(
      getDb().engine,
      "SELECT actor_label, target, details FROM audit_log WHERE action = 'script.update' ORDER BY id",
    );
    expect(audit.map((a) => [a.actor_label, a.target, a.details.version])).toEqual([
      ['analyst1', CODE, 2],
      ['analyst1', CODE, 3],
    ]);

    // The agents read the new version; seeding again leaves the edit alone.
    await seedScripts(getDb().db);
    expect(((await getOne(agent)).json() as ScriptDetail).content.opening).toBe(opening);
  });

  it('refuses a save over a newer version than the editor started from', async () => {
    const current = ((await getOne(analyst)).json() as ScriptDetail).version;
    const response = await put(analyst, { content: seeded.content, expectedVersion: current - 1 });
    expect(response.statusCode).toBe(409);
    expect(((await getOne(analyst)).json() as ScriptDetail).version).toBe(current);
    expect((await put(analyst, { content: seeded.content }, 'no_such_script')).statusCode).toBe(404);
  });

  it('lints a call note or a draft live for anyone who reads the catalogue', async () => {
    const lint = (body: object) =>
      t.injectAs(agent, { method: 'POST', url: '/api/scripts/lint', payload: body });

    const note = await lint({ text: '客户情绪激动，我说了一句“你错了”，之后已道歉。' });
    expect(note.statusCode).toBe(200);
    expect(note.json()).toMatchObject({
      clean: false,
      findings: [{ code: 'you_are_wrong', phrase: '你错了，不是那样的！', match: '你错了', index: 13 }],
      unknownVariables: [],
    });
    expect((await lint({ text: '可能是我刚才没有解释清楚。', lang: 'zh-CN' })).json()).toEqual({
      clean: true,
      findings: [],
      unknownVariables: [],
    });

    const draft = await lint({
      content: { en: { opening: 'Hi {firstName}', closing: 'You have to sign today.', objections: [] } },
    });
    expect(draft.json()).toMatchObject({
      clean: false,
      findings: [{ section: 'en.closing', code: 'must' }],
      unknownVariables: [{ section: 'en.opening', name: 'firstName' }],
    });

    const neither = await lint({});
    expect(neither.statusCode).toBe(400);
    expect(
      (await t.injectAs(null, { method: 'POST', url: '/api/scripts/lint', payload: { text: 'x' } }))
        .statusCode,
    ).toBe(401);
  });

  it('gives the call panel the script adapted to the tags and filled in', async () => {
    const script = await scriptForCall(getDb().db, 'retention_competitor_winback', {
      tags: { mood: 'angry', consumptionHabit: 'practical', personality: null },
      locale: 'zh-CN',
      variables: { subscriberName: '王先生', agentName: '小李', operatorName: '中国移动', savingYuan: 40 },
    });
    expect(script).toMatchObject({
      code: 'retention_competitor_winback',
      title: '竞争对手策反挽留',
      version: 1,
    });
    expect(script.steps.map((s) => s.key)).toEqual([
      'opening',
      'acknowledge',
      'checkpoint',
      'purpose',
      'disclosure',
      'closing',
    ]);
    expect(script.steps[0]?.text).toMatch(/^王先生您好！我是中国移动的客户经理小李。/);
    expect(script.objections[0]?.trigger).toBe('price');
    expect(script.objections[0]?.response).toContain('每月能省约40元');
    expect(script.hints.map((h) => h.code)).toEqual([
      'acknowledge_first',
      'hold_offer',
      'price_objection_first',
    ]);
    expect(script.missingVariables.sort()).toEqual([
      'offerFeeYuan',
      'offerName',
      'offerValidUntil',
      'serviceNumber',
    ]);
    await expect(
      scriptForCall(getDb().db, 'nope', { tags: {}, locale: 'en', variables: {} }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
