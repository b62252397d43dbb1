import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedSmsTemplates } from '#src/features/sms/sms-templates-seed';
import { buildTestApp, type TestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';

// The contact policy the server enforces is the one configured in the environment, not a constant:
// a care cap of 0 refuses a care SMS that the default policy lets through.
describeEachEngine('contact policy from the configuration', (getDb) => {
  let strict: TestApp;
  let lenient: TestApp;
  let subscriberId = 0;

  beforeAll(async () => {
    const { db } = getDb();
    await seedSmsTemplates(db);
    const plan = await insertPlan(db, { code: 'POLICY58' });
    subscriberId = (await insertSubscriber(db, plan.id, { marketingConsent: true })).id;
    // Both windows span the whole day so the time the test runs at never matters.
    const allDay = { VIPDESK_CALL_WINDOW: '00:00-23:59', VIPDESK_SMS_WINDOW: '00:00-23:59' };
    strict = await buildTestApp(getDb(), { ...allDay, VIPDESK_CAP_CARE: '0' });
    lenient = await buildTestApp(getDb(), allDay);
  });
  afterAll(async () => {
    await strict?.close();
    await lenient?.close();
  });

  const send = (t: TestApp) =>
    t.inject({
      method: 'POST',
      url: `/api/subscribers/${subscriberId}/sms`,
      payload: { templateCode: 'birthday_care', purpose: 'care' },
    });

  it('refuses a care SMS under a configured care cap of 0, and sends it under the defaults', async () => {
    const refused = await send(strict);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error.details.refusals).toContain('care_cap');
    const queued = await send(lenient);
    expect(queued.statusCode, queued.body).toBe(201);
  });
});
