import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '#src/config/config';
import { campaignMembers, campaigns } from '#src/db/schema/campaigns';
import { type SmsSender, startSmsSender } from '#src/features/sms/sms-sender';
import { seedSmsTemplates } from '#src/features/sms/sms-templates-seed';
import { type SmscSimulator, startSmscSimulator } from '#src/features/sms/smsc-simulator';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';

type SmsMessage = {
  id: number;
  templateCode: string;
  purpose: string;
  body: string;
  status: string;
  refusals: string[] | null;
  notBefore: string;
  deliveredAt: string | null;
};
type ErrorBody = {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; details?: unknown };
};

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describeEachEngine('care SMS over HTTP', (getDb) => {
  let t: TestApp;
  let agent1: TestUser;
  let agent2: TestUser;
  let analyst: TestUser;
  let auditor: TestUser;
  let smsc: SmscSimulator;
  let sender: SmsSender;
  let sendAt = new Date();
  const ids = { mine: 0, doNotCall: 0, theirs: 0 };
  const msisdn = { mine: '13812340001', doNotCall: '13812340002', theirs: '13812340003' };

  const post = (who: TestUser, id: number, payload: object) =>
    t.injectAs(who, { method: 'POST', url: `/api/subscribers/${id}/sms`, payload });
  const history = async (who: TestUser, id: number) => {
    const response = await t.injectAs(who, { method: 'GET', url: `/api/subscribers/${id}/sms` });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: SmsMessage[] }>().items;
  };

  beforeAll(async () => {
    const { db } = getDb();
    t = await buildTestApp(getDb());
    await seedSmsTemplates(db);
    agent1 = await t.user('agent1', 'agent', 'A');
    agent2 = await t.user('agent2', 'agent', 'A');
    analyst = await t.user('analyst1', 'analyst');
    auditor = await t.user('auditor1', 'auditor');
    const plan = await insertPlan(db);
    const add = async (
      key: keyof typeof ids,
      owner: TestUser,
      extra: Parameters<typeof insertSubscriber>[2],
    ) => {
      ids[key] = (await insertSubscriber(db, plan.id, { msisdn: msisdn[key], ...extra })).id;
      await assignToBook(db, ids[key], owner.id);
    };
    await add('mine', agent1, { name: '王芳', gender: 'F', marketingConsent: true });
    await add('doNotCall', agent1, { name: '陈刚', gender: 'M', marketingConsent: false, doNotCall: true });
    await add('theirs', agent2, { name: '刘洋', gender: 'M', marketingConsent: true });

    smsc = await startSmscSimulator({ systemId: 'vipdesk', password: 'smsc-pass' });
    sender = startSmsSender({
      handle: getDb(),
      config: loadConfig({ VIPDESK_SMSC_URL: smsc.url }).sms,
      logger: silent,
      // The routes use the real clock: a message queued in quiet hours is sent at its opening time.
      clock: () => sendAt,
      timing: { reconnectMinMs: 50 },
      poll: false,
    });
    const deadline = Date.now() + 5_000;
    while (!sender.isBound() && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
  });

  afterAll(async () => {
    await sender?.stop();
    await smsc?.stop();
    await t?.close();
  });

  it('queues a care SMS in the agent’s own book, sends it and shows it delivered', async () => {
    const response = await post(agent1, ids.mine, { templateCode: 'birthday_care', purpose: 'care' });
    expect(response.statusCode).toBe(201);
    const queued = response.json<SmsMessage>();
    expect(queued).toMatchObject({ templateCode: 'birthday_care', purpose: 'care', status: 'queued' });
    expect(queued.body).toBe(
      '【10088】尊敬的王女士，今天是您的生日，感谢您多年来的信任与陪伴！祝您生日快乐、身体健康、万事顺意！您的专属客户经理agent1随时为您服务。',
    );

    sendAt = new Date(Math.max(Date.now(), Date.parse(queued.notBefore)) + 1_000);
    expect((await sender.flushOnce()).submitted).toBe(1);
    const sent = smsc.submitted.find((s) => s.destinationAddr === msisdn.mine);
    expect(sent?.text).toBe(queued.body);
    expect(await smsc.sendReceipt(sent?.messageId ?? '')).toBe(0);

    const [latest] = await history(agent1, ids.mine);
    expect(latest).toMatchObject({ id: queued.id, status: 'delivered' });
    expect(latest?.deliveredAt).not.toBeNull();
  });

  it('answers 422 with the refusal codes for marketing without consent, keeps it as refused and never sends it', async () => {
    const response = await post(agent1, ids.doNotCall, {
      templateCode: 'business_revisit',
      purpose: 'marketing',
      variables: { date: '3月1日', business: '5G畅享套餐' },
    });
    expect(response.statusCode).toBe(422);
    const body = response.json<ErrorBody>();
    expect(body.error.code).toBe('CONTACT_REFUSED');
    const details = body.error.details as { refusals: string[]; messageId: number };
    expect(details.refusals).toContain('no_marketing_consent');

    const [refused] = await history(agent1, ids.doNotCall);
    expect(refused).toMatchObject({ id: details.messageId, status: 'refused' });
    expect(refused?.refusals).toContain('no_marketing_consent');
    await sender.flushOnce();
    expect(smsc.submitted.some((s) => s.destinationAddr === msisdn.doNotCall)).toBe(false);
  });

  it('lets a care SMS reach a do-not-call subscriber (the list stops calls, not care messages)', async () => {
    const response = await post(agent1, ids.doNotCall, { templateCode: 'birthday_care', purpose: 'care' });
    expect(response.statusCode).toBe(201);
    expect(response.json<SmsMessage>().body).toContain('陈先生');
  });

  it('sends for a campaign only to its treatment arm: the holdout is never contacted', async () => {
    const { db } = getDb();
    const [campaign] = await db
      .insert(campaigns)
      .values({ name: '生日关怀', kind: 'care', status: 'active', startsOn: '2026-03-01' })
      .returning();
    const campaignId = campaign?.id ?? 0;
    await db.insert(campaignMembers).values([
      { campaignId, subscriberId: ids.mine, arm: 'holdout', stratum: 'A|high', baselineProbability: 0.4 },
      {
        campaignId,
        subscriberId: ids.doNotCall,
        arm: 'treatment',
        stratum: 'A|high',
        baselineProbability: 0.4,
      },
    ]);
    const payload = { templateCode: 'birthday_care', purpose: 'care', campaignId };
    const holdout = await post(agent1, ids.mine, payload);
    expect(holdout.statusCode).toBe(409);
    expect(
      (await history(agent1, ids.mine)).some(
        (m) => m.templateCode === 'birthday_care' && m.status === 'queued',
      ),
    ).toBe(false);
    expect((await post(agent1, ids.doNotCall, payload)).statusCode).toBe(201);
    const unknown = await post(agent1, ids.doNotCall, { ...payload, campaignId: 999_999 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorBody>().error.issues?.[0]?.path).toBe('body.campaignId');
  });

  it('refuses a marketing template sent as care', async () => {
    const saved = await t.injectAs(analyst, {
      method: 'PUT',
      url: '/api/sms/templates/flow_pack_offer',
      payload: {
        purpose: 'marketing',
        bodyZh: '【10088】{name}您好，夜间流量包5元10GB，回复KT开通。',
        bodyEn: '[10088] Hi {name}, night data pack: 10 GB for 5 CNY. Reply KT to join.',
      },
    });
    expect(saved.statusCode).toBe(200);
    const response = await post(agent1, ids.mine, { templateCode: 'flow_pack_offer', purpose: 'care' });
    expect(response.statusCode).toBe(422);
    expect((response.json<ErrorBody>().error.details as { refusals: string[] }).refusals).toContain(
      'care_carries_offer',
    );
  });

  it('names a missing template variable, an unknown template and a bad purpose with 400', async () => {
    const missing = await post(agent1, ids.mine, {
      templateCode: 'arrears_reminder',
      purpose: 'care',
      variables: { date: '3月9日' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<ErrorBody>().error.issues).toEqual([
      { path: 'body.variables.amount', message: 'is required by template arrears_reminder' },
      { path: 'body.variables.deadline', message: 'is required by template arrears_reminder' },
    ]);

    const unknown = await post(agent1, ids.mine, { templateCode: 'no_such_template', purpose: 'care' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorBody>().error.issues?.[0]?.path).toBe('body.templateCode');

    const survey = await post(agent1, ids.mine, { templateCode: 'satisfaction_survey', purpose: 'care' });
    expect(survey.statusCode).toBe(400);

    const purpose = await post(agent1, ids.mine, { templateCode: 'birthday_care', purpose: 'spam' });
    expect(purpose.statusCode).toBe(400);
    expect(purpose.json<ErrorBody>().error.issues?.[0]?.path).toBe('body.purpose');
  });

  it('keeps SMS inside the scope: another agent’s subscriber is not found, and nothing is queued', async () => {
    const response = await post(agent1, ids.theirs, { templateCode: 'birthday_care', purpose: 'care' });
    expect(response.statusCode).toBe(404);
    expect(await history(agent2, ids.theirs)).toEqual([]);
    const read = await t.injectAs(agent1, { method: 'GET', url: `/api/subscribers/${ids.theirs}/sms` });
    expect(read.statusCode).toBe(404);
  });

  it('needs sms.send to send and subscribers.view to read the history', async () => {
    expect(
      (await post(analyst, ids.mine, { templateCode: 'birthday_care', purpose: 'care' })).statusCode,
    ).toBe(403);
    const read = await t.injectAs(auditor, { method: 'GET', url: `/api/subscribers/${ids.mine}/sms` });
    expect(read.statusCode).toBe(403);
  });

  it('lists the templates with their variables and parts to anyone with catalogue.read', async () => {
    const response = await t.injectAs(agent1, { method: 'GET', url: '/api/sms/templates' });
    expect(response.statusCode).toBe(200);
    const items = response.json<{
      items: { code: string; variables: string[]; sizeZh: { encoding: string } }[];
    }>().items;
    const arrears = items.find((i) => i.code === 'arrears_reminder');
    expect(arrears?.variables).toEqual(['name', 'date', 'amount', 'deadline']);
    expect(arrears?.sizeZh.encoding).toBe('ucs2');
    expect(items.map((i) => i.code)).toEqual(
      expect.arrayContaining(['birthday_care', 'satisfaction_survey']),
    );
    expect((await t.injectAs(auditor, { method: 'GET', url: '/api/sms/templates' })).statusCode).toBe(403);
  });

  it('lets catalogue managers edit a template, and only with the same variables in both languages', async () => {
    const url = '/api/sms/templates/holiday_care';
    const payload = {
      purpose: 'care',
      bodyZh: '【10088】{holiday}快乐！{name}，感谢您一路相伴。',
      bodyEn: '[10088] Happy {holiday}, {name}! Thank you for being with us.',
    };
    expect((await t.injectAs(agent1, { method: 'PUT', url, payload })).statusCode).toBe(403);
    const saved = await t.injectAs(analyst, { method: 'PUT', url, payload });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<{ variables: string[] }>().variables).toEqual(['holiday', 'name']);

    const mismatch = await t.injectAs(analyst, {
      method: 'PUT',
      url,
      payload: { ...payload, bodyEn: '[10088] Happy holidays, {name}!' },
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json<ErrorBody>().error.issues).toEqual([
      { path: 'body.bodyEn', message: 'lacks {holiday}, which bodyZh uses' },
    ]);
  });
});
