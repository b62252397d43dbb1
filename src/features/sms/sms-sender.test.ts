import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { loadConfig, type SmsConfig } from '#src/config/config';
import { contactAttempts, smsOutbox } from '#src/db/schema/contacts';
import { subscribers } from '#src/db/schema/subscribers';
import type { Actor } from '#src/features/auth/actor';
import { permissionsOf } from '#src/features/auth/permissions';
import { createUser } from '#src/features/users/users.service';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';
import { queueSms, queueSurveySms } from './sms.service';
import { type SmsSender, startSmsSender } from './sms-sender';
import { saveSmsTemplate } from './sms-templates.service';
import { seedSmsTemplates } from './sms-templates-seed';
import { type SmscSimulator, startSmscSimulator } from './smsc-simulator';

const SYSTEM_ID = 'vipdesk';
const PASSWORD = 's3cr:et@pw';
// 10:00 in Shanghai on 10 March 2026.
const MORNING = new Date('2026-03-10T02:00:00Z');
const MINUTE = 60_000;
const FAST = { reconnectMinMs: 50, reconnectMaxMs: 200, responseTimeoutMs: 3_000 };
// The sender's hourly allowance for hand-sent SMS, above what these tests send.
const HAND_LIMIT = { max: 1_000, windowMs: 3_600_000 };

type LogLine = { level: string; details: object; message: string };

async function until(ready: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeEachEngine('SMS sender against a local SMSC', (getDb) => {
  let smsc: SmscSimulator;
  let sender: SmsSender;
  let actor: Actor;
  let planId = 0;
  let now = MORNING;
  const logs: LogLine[] = [];
  const logger = {
    info: (details: object, message: string) => logs.push({ level: 'info', details, message }),
    warn: (details: object, message: string) => logs.push({ level: 'warn', details, message }),
    error: (details: object, message: string) => logs.push({ level: 'error', details, message }),
  };

  const smsConfig = (url: string): SmsConfig => ({
    ...loadConfig({ VIPDESK_SMSC_URL: url }).sms,
    maxAttempts: 3,
    retryBaseSeconds: 60,
    ratePerSecond: 200,
  });

  const subscriber = async (overrides: Parameters<typeof insertSubscriber>[2] = {}) =>
    insertSubscriber(getDb().db, planId, { marketingConsent: true, gender: 'F', name: '王芳', ...overrides });

  const outboxRow = async (id: number) => {
    const [row] = await getDb().db.select().from(smsOutbox).where(eq(smsOutbox.id, id));
    if (!row) throw new Error(`no outbox row ${id}`);
    return row;
  };

  const attemptOf = async (subscriberId: number) =>
    getDb()
      .db.select()
      .from(contactAttempts)
      .where(and(eq(contactAttempts.subscriberId, subscriberId), eq(contactAttempts.channel, 'sms')));

  beforeAll(async () => {
    const { db } = getDb();
    await seedSmsTemplates(db);
    await seedSmsTemplates(db); // idempotent
    planId = (await insertPlan(db)).id;
    const user = await createUser(
      db,
      {
        username: 'sms-agent',
        displayName: '李娜',
        role: 'admin',
        teamId: null,
        password: 'sms-password-2026',
      },
      null,
    );
    actor = {
      userId: user.id,
      username: 'sms-agent',
      displayName: '李娜',
      role: 'admin',
      teamId: null,
      permissions: permissionsOf('admin'),
      sourceIp: null,
    };
    smsc = await startSmscSimulator({ systemId: SYSTEM_ID, password: PASSWORD });
    sender = startSmsSender({
      handle: getDb(),
      config: smsConfig(smsc.url),
      logger,
      clock: () => now,
      timing: FAST,
      poll: false,
    });
    await until(() => sender.isBound(), 'the sender to bind');
  });

  afterAll(async () => {
    await sender?.stop();
    await smsc?.stop();
  });

  beforeEach(() => {
    now = MORNING;
    smsc.setSubmitStatus(0);
  });

  it('binds as a transceiver with the configured system id and password', () => {
    expect(smsc.binds[0]).toEqual({ systemId: SYSTEM_ID, accepted: true });
  });

  it('stays unbound with wrong credentials and sends nothing', async () => {
    const wrong = startSmsSender({
      handle: getDb(),
      config: smsConfig(smsc.url.replace(encodeURIComponent(PASSWORD), 'wrong')),
      logger,
      timing: FAST,
      poll: false,
    });
    try {
      await until(() => logs.some((l) => l.message === 'SMSC refused the bind'), 'the refused bind');
      expect(smsc.binds.some((b) => b.systemId === SYSTEM_ID && !b.accepted)).toBe(true);
      expect(wrong.isBound()).toBe(false);
      expect((await wrong.flushOnce()).skipped).toBe('smsc not bound');
      expect(JSON.stringify(logs)).not.toContain(PASSWORD);
    } finally {
      await wrong.stop();
    }
  });

  it('submits the rendered Chinese text as UCS-2 with a receipt requested; the receipt marks it delivered', async () => {
    const wang = await subscriber();
    const message = await queueSms(
      getDb().db,
      actor,
      wang.id,
      {
        templateCode: 'arrears_reminder',
        purpose: 'care',
        variables: { date: '3月9日', amount: '58.20', deadline: '3月15日' },
      },
      { now, limit: HAND_LIMIT },
    );
    expect(message.status).toBe('queued');
    expect(message.body).toBe(
      '【10088】尊敬的王女士，截至3月9日您的账户已欠费58.20元。为免影响正常通话和上网，请于3月15日前通过营业厅、网上营业厅或10088充值缴费。如已缴费，请忽略本短信。',
    );
    const before = smsc.submitted.length;

    const report = await sender.flushOnce();
    expect(report).toMatchObject({ submitted: 1, retried: 0, failed: 0, skipped: null });
    const sent = smsc.submitted[before];
    expect(sent).toMatchObject({
      systemId: SYSTEM_ID,
      sourceAddr: '10088',
      destinationAddr: wang.msisdn,
      dataCoding: 8,
      registeredDelivery: 1,
      text: message.body,
      // 88 characters, two parts: sent whole in message_payload, the SMSC splits it.
      payload: true,
    });
    const submitted = await outboxRow(message.id);
    expect(submitted).toMatchObject({ status: 'submitted', smscMessageId: sent?.messageId, attempts: 1 });
    expect((await attemptOf(wang.id))[0]).toMatchObject({ disposition: 'sms_sent', reached: false });

    expect(await smsc.sendReceipt(sent?.messageId ?? '', 'DELIVRD')).toBe(0);
    const delivered = await outboxRow(message.id);
    expect(delivered.status).toBe('delivered');
    expect(delivered.deliveredAt).toEqual(now);
    expect((await attemptOf(wang.id))[0]).toMatchObject({ reached: true });
  });

  it('sends one-part messages in short_message (GSM 7-bit for plain English) and fails one on UNDELIV', async () => {
    await saveSmsTemplate(getDb().db, 'bill_ready', {
      purpose: 'care',
      bodyZh: '【10088】{name}您好，您的本月账单已出，请注意查收。',
      bodyEn: '[10088] Hi {name}, your bill for this month is ready.',
      isActive: true,
    });
    const li = await subscriber({ name: '李强', gender: 'M' });
    const zh = await queueSms(
      getDb().db,
      actor,
      li.id,
      { templateCode: 'bill_ready', purpose: 'care' },
      { now, limit: HAND_LIMIT },
    );
    const en = await queueSms(
      getDb().db,
      actor,
      li.id,
      { templateCode: 'bill_ready', purpose: 'care', variables: { name: 'Mr Li' }, locale: 'en' },
      { now, limit: HAND_LIMIT },
    );
    const before = smsc.submitted.length;
    expect((await sender.flushOnce()).submitted).toBe(2);
    const [sentZh, sentEn] = [zh, en].map((m) => smsc.submitted.slice(before).find((s) => s.text === m.body));
    expect(sentZh).toMatchObject({
      dataCoding: 8,
      payload: false,
      text: '【10088】李先生您好，您的本月账单已出，请注意查收。',
    });
    expect(sentEn).toMatchObject({
      dataCoding: 0,
      payload: false,
      text: '[10088] Hi Mr Li, your bill for this month is ready.',
    });

    expect(await smsc.sendReceipt(sentEn?.messageId ?? '', 'UNDELIV', '012')).toBe(0);
    expect(await outboxRow(en.id)).toMatchObject({ status: 'failed', error: 'stat:UNDELIV err:012' });
    const attempts = await attemptOf(li.id);
    expect(attempts.map((a) => a.reached)).toEqual([false, false]);
  });

  it('records a 1–5 reply (full-width too) on the contact the survey asked about, and ignores other texts', async () => {
    const zhao = await subscriber({ name: '赵敏', msisdn: '13766660001' });
    const [call] = await getDb()
      .db.insert(contactAttempts)
      .values({
        subscriberId: zhao.id,
        agentUserId: actor.userId,
        channel: 'call',
        purpose: 'care',
        startedAt: new Date(now.getTime() - 10 * MINUTE),
        reached: true,
        disposition: 'accepted',
      })
      .returning();
    if (!call) throw new Error('no call');
    const survey = await queueSurveySms(getDb().db, zhao.id, call.id, { now });
    expect(survey?.surveyForContactId).toBe(call.id);
    expect(survey?.body).toContain('5非常满意');
    // Asking twice about one contact sends one survey.
    expect((await queueSurveySms(getDb().db, zhao.id, call.id, { now }))?.id).toBe(survey?.id);
    expect((await sender.flushOnce()).submitted).toBe(1);

    const satisfaction = async () =>
      (await getDb().db.select().from(contactAttempts).where(eq(contactAttempts.id, call.id)))[0]
        ?.satisfaction;
    expect(await smsc.sendMo('8613766660001', '４')).toBe(0);
    expect(await satisfaction()).toBe(4);
    expect(await smsc.sendMo('13766660001', '谢谢，很好')).toBe(0);
    expect(await smsc.sendMo('13899998888', '1')).toBe(0);
    expect(await satisfaction()).toBe(4);
    expect(logs.filter((l) => l.message === 'inbound SMS ignored').map((l) => l.details)).toEqual(
      expect.arrayContaining([
        { result: 'not_a_score', from: '137****0001' },
        { result: 'unknown_sender', from: '138****8888' },
      ]),
    );
    expect(JSON.stringify(logs)).not.toContain('13766660001');
  });

  it('sends no survey about a call that did not reach the subscriber', async () => {
    const sun = await subscriber();
    const [call] = await getDb()
      .db.insert(contactAttempts)
      .values({
        subscriberId: sun.id,
        channel: 'call',
        purpose: 'care',
        startedAt: now,
        reached: false,
        disposition: 'not_reached',
      })
      .returning();
    expect(await queueSurveySms(getDb().db, sun.id, call?.id ?? 0, { now })).toBeNull();
  });

  it('holds a care SMS queued in quiet hours until 08:00 Shanghai', async () => {
    const zhou = await subscriber();
    now = new Date('2026-03-10T14:30:00Z'); // 22:30 local
    const message = await queueSms(
      getDb().db,
      actor,
      zhou.id,
      { templateCode: 'birthday_care', purpose: 'care' },
      { now, limit: HAND_LIMIT },
    );
    expect(message).toMatchObject({ status: 'queued', notBefore: new Date('2026-03-11T00:00:00Z') });
    const before = smsc.submitted.length;
    expect((await sender.flushOnce()).submitted).toBe(0);
    now = new Date('2026-03-10T23:59:00Z'); // 07:59 local
    expect((await sender.flushOnce()).submitted).toBe(0);
    expect(smsc.submitted.length).toBe(before);
    now = new Date('2026-03-11T00:00:30Z');
    expect((await sender.flushOnce()).submitted).toBe(1);
    expect(smsc.submitted[before]?.destinationAddr).toBe(zhou.msisdn);
  });

  it('keeps refused messages out of the SMSC: no consent, and consent withdrawn before sending', async () => {
    const refuser = await subscriber({ marketingConsent: false, doNotCall: true });
    const refused = await queueSms(
      getDb().db,
      actor,
      refuser.id,
      {
        templateCode: 'business_revisit',
        purpose: 'marketing',
        variables: { date: '3月1日', business: '5G套餐' },
      },
      { now, limit: HAND_LIMIT },
    );
    expect(refused).toMatchObject({ status: 'refused', refusals: ['no_marketing_consent'] });
    expect(await attemptOf(refuser.id)).toEqual([]);

    const changed = await subscriber();
    const queued = await queueSms(
      getDb().db,
      actor,
      changed.id,
      {
        templateCode: 'business_revisit',
        purpose: 'marketing',
        variables: { date: '3月1日', business: '5G套餐' },
      },
      { now, limit: HAND_LIMIT },
    );
    expect(queued.status).toBe('queued');
    await getDb()
      .db.update(subscribers)
      .set({ marketingConsent: false })
      .where(eq(subscribers.id, changed.id));
    const before = smsc.submitted.length;
    expect(await sender.flushOnce()).toMatchObject({ submitted: 0, refused: 1 });
    expect(smsc.submitted.length).toBe(before);
    expect(await outboxRow(queued.id)).toMatchObject({
      status: 'refused',
      refusals: ['no_marketing_consent'],
    });
    expect(await attemptOf(changed.id)).toEqual([]);
  });

  it('counts queued messages against the caps, so a burst cannot pass the care cap', async () => {
    const qian = await subscriber();
    const send = () =>
      queueSms(
        getDb().db,
        actor,
        qian.id,
        { templateCode: 'birthday_care', purpose: 'care' },
        { now, limit: HAND_LIMIT },
      );
    const first = await send();
    const second = await send();
    const third = await send();
    expect([first.status, second.status]).toEqual(['queued', 'queued']);
    expect(third).toMatchObject({ status: 'refused', refusals: ['care_cap'] });
    // At send time each message is weighed against the other, not against itself.
    expect(await sender.flushOnce()).toMatchObject({ submitted: 2, refused: 0 });
  });

  it('retries what the SMSC rejects with a growing delay, then fails it with the SMSC error', async () => {
    const wu = await subscriber();
    smsc.setSubmitStatus(0x08);
    const message = await queueSms(
      getDb().db,
      actor,
      wu.id,
      { templateCode: 'birthday_care', purpose: 'care' },
      { now, limit: HAND_LIMIT },
    );
    expect(await sender.flushOnce()).toMatchObject({ submitted: 0, retried: 1 });
    expect(await outboxRow(message.id)).toMatchObject({
      status: 'queued',
      attempts: 1,
      error: 'ESME_RSYSERR (0x00000008)',
      notBefore: new Date(now.getTime() + MINUTE),
    });
    expect((await sender.flushOnce()).retried).toBe(0); // not due yet
    now = new Date(now.getTime() + MINUTE);
    expect((await sender.flushOnce()).retried).toBe(1);
    expect(await outboxRow(message.id)).toMatchObject({
      attempts: 2,
      notBefore: new Date(now.getTime() + 2 * MINUTE),
    });
    now = new Date(now.getTime() + 2 * MINUTE);
    expect(await sender.flushOnce()).toMatchObject({ retried: 0, failed: 1 });
    expect(await outboxRow(message.id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      error: 'ESME_RSYSERR (0x00000008)',
    });
  });

  it('reconnects after the SMSC dies and sends what waited meanwhile', async () => {
    const zheng = await subscriber();
    await smsc.stop();
    await until(() => !sender.isBound(), 'the sender to notice the drop');
    const message = await queueSms(
      getDb().db,
      actor,
      zheng.id,
      { templateCode: 'birthday_care', purpose: 'care' },
      { now, limit: HAND_LIMIT },
    );
    expect((await sender.flushOnce()).skipped).toBe('smsc not bound');
    expect(await outboxRow(message.id)).toMatchObject({ status: 'queued', attempts: 0 });

    await smsc.start();
    await until(() => sender.isBound(), 'the sender to bind again');
    const before = smsc.submitted.length;
    expect((await sender.flushOnce()).submitted).toBe(1);
    expect(smsc.submitted[before]?.text).toBe(message.body);
    expect(await outboxRow(message.id)).toMatchObject({ status: 'submitted', attempts: 1 });
  });

  it('keeps messages queued when no SMSC is configured', async () => {
    const offline = startSmsSender({
      handle: getDb(),
      config: { ...smsConfig(smsc.url), smsc: null },
      logger,
      poll: false,
    });
    try {
      expect((await offline.flushOnce()).skipped).toBe('smsc not configured');
      expect(logs.some((l) => l.message.startsWith('smsc not configured'))).toBe(true);
    } finally {
      await offline.stop();
    }
  });
});
