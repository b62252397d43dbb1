import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactAttempts } from '#src/db/schema/contacts';
import { CONTACT_TYPES } from '#src/db/schema/enums';
import { serviceContacts } from '#src/db/schema/service';
import { tickets } from '#src/db/schema/tickets';
import { callTasks } from '#src/db/schema/work';
import {
  type ClassifierRules,
  DEFAULT_CLASSIFIER_RULES,
} from '#src/features/contacts/classifier/classifier-rules';
import { classifyContact } from '#src/features/contacts/classifier/classify-contact';
import { evaluateClassifier } from '#src/features/contacts/classifier/evaluate-classifier';
import { LABELLED_SAMPLE } from '#src/features/contacts/classifier/labelled-sample';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';

type Issue = { path: string; message: string };
const issuePaths = (response: LightMyRequestResponse) =>
  (response.json<{ error: { issues?: Issue[] } }>().error.issues ?? []).map((issue) => issue.path);

/** One note per contact type, each one the built-in rules classify as that type. */
const NOTE_OF: Record<(typeof CONTACT_TYPES)[number], string> = {
  consultation: '客户来电咨询国际漫游怎么开通收费多少，已告知',
  suggestion: 'Customer suggests adding an app feature to show remaining data; would be nice',
  dissatisfaction: '客户对网速太慢表示不满，解释后表示理解',
  complaint: '客户要求投诉，已打12300，回拨13922223333',
  business: '客户办理变更套餐，下月生效',
  harassment: 'Keeps getting telemarketing calls, asked us to stop calling',
};

describeEachEngine('service contacts over HTTP', (getDb) => {
  let t: TestApp;
  let agent: TestUser;
  let otherAgent: TestUser;
  let analyst: TestUser;
  const ids = { mine: 0, theirs: 0, ticketed: 0, call: 0 };

  const logContact = (who: TestUser, subscriberId: number, payload: object) =>
    t.injectAs(who, { method: 'POST', url: `/api/subscribers/${subscriberId}/contacts`, payload });
  const listContacts = (who: TestUser, subscriberId: number) =>
    t.injectAs(who, { method: 'GET', url: `/api/subscribers/${subscriberId}/contacts` });
  const classify = (who: TestUser, note: string) =>
    t.injectAs(who, { method: 'POST', url: '/api/contacts/classify', payload: { note } });
  const contactRows = (subscriberId: number) =>
    getDb().db.select().from(serviceContacts).where(eq(serviceContacts.subscriberId, subscriberId));
  const ticketRows = (subscriberId: number) =>
    getDb().db.select().from(tickets).where(eq(tickets.subscriberId, subscriberId));
  const complaint = {
    channel: 'phone',
    direction: 'inbound',
    type: 'complaint',
    note: '客户投诉家里信号差多次未解决，要求赔偿，联系13933334444',
    emotion: '情绪激动',
    fact: '小区室内无信号已两周',
    opinion: '认为运营商不重视',
    claim: '尽快修复并减免当月月租',
    complaintPsychology: 'compensation_seeking',
  };

  beforeAll(async () => {
    const { db } = getDb();
    t = await buildTestApp(getDb());
    agent = await t.user('contacts-agent', 'agent', 'contacts-a');
    otherAgent = await t.user('contacts-other', 'agent', 'contacts-b');
    analyst = await t.user('contacts-analyst', 'analyst');
    const plan = await insertPlan(db);
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
      const row = await insertSubscriber(db, plan.id, {
        vipLevel: 'gold',
        city: '南京市',
        district: '鼓楼区',
      });
      ids[key] = row.id;
      await assignToBook(db, row.id, key === 'theirs' ? otherAgent.id : agent.id);
    }
  });
  afterAll(async () => t?.close());

  it('documents its routes in the OpenAPI document', async () => {
    const response = await t.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json<{ paths: Record<string, Record<string, unknown>> }>().paths;
    expect(Object.keys(paths['/api/subscribers/{id}/contacts'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/service-settings/classifier'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(paths).toHaveProperty(['/api/contacts/classify', 'post']);
    expect(paths).toHaveProperty(['/api/service-settings/classifier/evaluation', 'get']);
  });

  describe('classify', () => {
    it('suggests a type from a zh-CN note with the words that led to it, numbers masked', async () => {
      const response = await classify(agent, '客户要求投诉，已经打了工信部电话，回拨13911112222，要求赔偿');
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ rulesVersion: 0, type: 'complaint', fallback: false });
      expect(body.matched.map((m: { phrase: string }) => m.phrase)).toEqual(
        expect.arrayContaining(['要求投诉', '工信部', '赔偿']),
      );
      expect(body.psychology.tag).toBe('compensation_seeking');
      expect(response.body).not.toContain('13911112222');
      expect(body.normalisedNote).toContain('139****2222');
    });

    it('suggests a type from an English note, and drops a negated complaint word', async () => {
      const harassment = await classify(agent, 'Keeps getting spam texts, asked us to block the sender');
      expect(harassment.json()).toMatchObject({ type: 'harassment', psychology: null });
      const negated = await classify(agent, "It's not a complaint, she only asked what the charge is");
      expect(negated.json().type).toBe('consultation');
      expect(negated.json().negated).toEqual([expect.objectContaining({ phrase: 'complaint', cue: 'not' })]);
    });

    it('refuses an empty note and a role that logs no contacts', async () => {
      expect(issuePaths(await classify(agent, '  '))).toEqual(['body.note']);
      expect((await classify(analyst, '客户咨询')).statusCode).toBe(403);
    });
  });

  describe('logging contacts', () => {
    it('logs each contact type with the server’s own suggestion beside the agent’s type, masked', async () => {
      for (const type of CONTACT_TYPES) {
        const analysis =
          type === 'complaint'
            ? { fact: '扣费未经同意', claim: '退还费用', complaintPsychology: 'venting' }
            : {};
        // The client's suggestedType is ignored: the server classifies the note again.
        const response = await logContact(agent, ids.mine, {
          channel: 'phone',
          direction: 'inbound',
          type,
          note: NOTE_OF[type],
          suggestedType: 'harassment',
          ...analysis,
        });
        expect(response.statusCode, response.body).toBe(201);
        const { contact, ticket } = response.json();
        expect(ticket).toBeNull();
        expect(contact).toMatchObject({
          subscriberId: ids.mine,
          type,
          suggestedType: classifyContact(NOTE_OF[type], DEFAULT_CLASSIFIER_RULES).type,
          agentUserId: agent.id,
          agentName: 'contacts-agent',
          ticket: null,
        });
        expect(contact.suggestedType).toBe(type);
      }
      const rows = await contactRows(ids.mine);
      expect(rows).toHaveLength(CONTACT_TYPES.length);
      const stored = rows.find((row) => row.type === 'complaint');
      expect(stored).toMatchObject({
        summary: '客户要求投诉，已打12300，回拨139****3333',
        suggestedType: 'complaint',
        fact: '扣费未经同意',
        claim: '退还费用',
        complaintPsychology: 'venting',
        emotion: null,
      });
      expect(rows.find((row) => row.type === 'consultation')?.fact).toBeNull();

      const list = await listContacts(agent, ids.mine);
      expect(list.statusCode, list.body).toBe(200);
      const types = list.json().items.map((item: { type: string }) => item.type);
      expect(types).toEqual([...CONTACT_TYPES].reverse());
      expect(list.body).not.toContain('13922223333');
    });

    it('names the missing or wrong field of a complaint’s four-part analysis, and writes nothing', async () => {
      const before = (await contactRows(ids.mine)).length;
      const bare = await logContact(agent, ids.mine, { ...complaint, fact: undefined, claim: undefined });
      expect(bare.statusCode).toBe(400);
      expect(issuePaths(bare).sort()).toEqual(['body.claim', 'body.fact']);
      const noClaim = await logContact(agent, ids.mine, { ...complaint, claim: '  ' });
      expect(issuePaths(noClaim)).toContain('body.claim');
      const badPsychology = await logContact(agent, ids.mine, { ...complaint, complaintPsychology: 'angry' });
      expect(issuePaths(badPsychology)).toEqual(['body.complaintPsychology']);
      const analysedConsultation = await logContact(agent, ids.mine, {
        ...complaint,
        type: 'consultation',
        emotion: undefined,
        opinion: undefined,
        complaintPsychology: undefined,
      });
      expect(issuePaths(analysedConsultation).sort()).toEqual(['body.claim', 'body.fact']);
      const badChannel = await logContact(agent, ids.mine, { ...complaint, channel: 'pigeon' });
      expect(issuePaths(badChannel)).toEqual(['body.channel']);
      expect(await contactRows(ids.mine)).toHaveLength(before);
    });

    it('links a call task the agent holds, and refuses one they never worked', async () => {
      const { db } = getDb();
      const [held] = await db
        .insert(callTasks)
        .values({ subscriberId: ids.mine, kind: 'care', status: 'claimed', claimedByUserId: agent.id })
        .returning({ id: callTasks.id });
      const [notMine] = await db
        .insert(callTasks)
        .values({ subscriberId: ids.mine, kind: 'care', status: 'claimed', claimedByUserId: otherAgent.id })
        .returning({ id: callTasks.id });
      const [otherSubscriber] = await db
        .insert(callTasks)
        .values({ subscriberId: ids.ticketed, kind: 'care', status: 'claimed', claimedByUserId: agent.id })
        .returning({ id: callTasks.id });
      const base = {
        channel: 'phone',
        direction: 'outbound',
        type: 'consultation',
        note: '回访，客户询问账单',
      };
      const linked = await logContact(agent, ids.mine, { ...base, callTaskId: held?.id });
      expect(linked.statusCode, linked.body).toBe(201);
      expect(linked.json().contact.callTaskId).toBe(held?.id);
      for (const taskId of [notMine?.id, otherSubscriber?.id, 999_999]) {
        const refused = await logContact(agent, ids.mine, { ...base, callTaskId: taskId });
        expect(refused.statusCode).toBe(400);
        expect(issuePaths(refused)).toEqual(['body.callTaskId']);
      }
    });

    it('answers an agent of another book like a missing subscriber, writing and showing nothing', async () => {
      const before = (await contactRows(ids.mine)).length;
      const post = await logContact(otherAgent, ids.mine, { ...complaint, type: 'complaint' });
      expect(post.statusCode).toBe(404);
      expect((await listContacts(otherAgent, ids.mine)).statusCode).toBe(404);
      expect((await logContact(otherAgent, 987_654_321, complaint)).statusCode).toBe(404);
      expect(await contactRows(ids.mine)).toHaveLength(before);
      // Their own subscriber is fine.
      expect((await logContact(otherAgent, ids.theirs, complaint)).statusCode).toBe(201);
    });
  });

  describe('tickets from contacts', () => {
    it('opens a ticket from a complaint in the same step and links both ways', async () => {
      const response = await logContact(agent, ids.ticketed, {
        ...complaint,
        ticket: { category: 'network_signal.weak_coverage', title: '小区室内弱覆盖' },
      });
      expect(response.statusCode, response.body).toBe(201);
      const { contact, ticket } = response.json();
      expect(ticket).toMatchObject({
        ticketNo: `T${String(ticket.id).padStart(6, '0')}`,
        groupName: expect.any(String),
        dueAt: expect.any(String),
        slaState: expect.any(String),
      });
      expect(contact.ticket).toEqual({ id: ticket.id, ticketNo: ticket.ticketNo, status: 'open' });
      const [row] = await ticketRows(ids.ticketed);
      expect(row).toMatchObject({
        id: ticket.id,
        source: 'contact',
        contactId: contact.id,
        category: 'network_signal.weak_coverage',
        description: '客户投诉家里信号差多次未解决，要求赔偿，联系139****4444',
      });
      const [stored] = await contactRows(ids.ticketed);
      expect(stored).toMatchObject({ ticketId: ticket.id, complaintPsychology: 'compensation_seeking' });
      const list = await listContacts(agent, ids.ticketed);
      expect(list.json().items[0].ticket.ticketNo).toBe(ticket.ticketNo);
    });

    it('writes no contact when the ticket part is refused (unknown category)', async () => {
      const contactsBefore = (await contactRows(ids.ticketed)).length;
      const ticketsBefore = (await ticketRows(ids.ticketed)).length;
      const response = await logContact(agent, ids.ticketed, {
        ...complaint,
        ticket: { category: 'network_signal.no_such_thing', title: '信号' },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(issuePaths(response)).toEqual(['body.ticket.category']);
      expect(await contactRows(ids.ticketed)).toHaveLength(contactsBefore);
      expect(await ticketRows(ids.ticketed)).toHaveLength(ticketsBefore);
    });

    it('opens a ticket from a complaint recorded as a call outcome, in the outcome’s transaction', async () => {
      const { db } = getDb();
      const newTask = async () => {
        const [task] = await db
          .insert(callTasks)
          .values({
            subscriberId: ids.call,
            kind: 'care',
            action: 'care_call',
            ownerUserId: agent.id,
            dueAt: new Date(Date.now() - 60_000),
          })
          .returning({ id: callTasks.id });
        const claim = await t.injectAs(agent, { method: 'POST', url: `/api/tasks/${task?.id}/claim` });
        expect(claim.statusCode, claim.body).toBe(200);
        return task?.id ?? 0;
      };
      const outcome = (taskId: number, ticketCategory: string) =>
        t.injectAs(agent, {
          method: 'POST',
          url: `/api/tasks/${taskId}/outcome`,
          payload: {
            disposition: 'complaint',
            summary: '客户投诉宽带断网三天，要求补偿',
            complaint: {
              category: ticketCategory,
              title: '宽带断网',
              fact: '断网三天',
              claim: '今天修复并补偿',
              complaintPsychology: 'compensation_seeking',
            },
          },
        });

      const refusedTask = await newTask();
      const refused = await outcome(refusedTask, 'broadband_fault.nope');
      expect(refused.statusCode).toBe(400);
      expect(issuePaths(refused)).toEqual(['body.complaint.category']);
      expect(await contactRows(ids.call)).toHaveLength(0);
      expect(await db.select().from(contactAttempts).where(eq(contactAttempts.taskId, refusedTask))).toEqual(
        [],
      );
      const [stillHeld] = await db.select().from(callTasks).where(eq(callTasks.id, refusedTask));
      expect(stillHeld?.status).toBe('claimed');

      const missingClaim = await t.injectAs(agent, {
        method: 'POST',
        url: `/api/tasks/${refusedTask}/outcome`,
        payload: {
          disposition: 'complaint',
          summary: '客户投诉',
          complaint: { category: 'broadband_fault', title: '断网', fact: '断网' },
        },
      });
      expect(issuePaths(missingClaim)).toEqual(['body.complaint.claim']);

      const response = await outcome(refusedTask, 'broadband_fault.outage');
      expect(response.statusCode, response.body).toBe(200);
      const { ticket } = response.json();
      expect(ticket).toMatchObject({
        ticketNo: `T${String(ticket.id).padStart(6, '0')}`,
        groupName: expect.any(String),
      });
      const [contact] = await contactRows(ids.call);
      expect(contact).toMatchObject({
        type: 'complaint',
        suggestedType: 'complaint',
        channel: 'phone',
        direction: 'outbound',
        fact: '断网三天',
        claim: '今天修复并补偿',
        callTaskId: refusedTask,
        ticketId: ticket.id,
      });
      const [row] = await db
        .select()
        .from(tickets)
        .where(and(eq(tickets.subscriberId, ids.call), eq(tickets.id, ticket.id)));
      expect(row).toMatchObject({
        source: 'call',
        contactId: contact?.id,
        category: 'broadband_fault.outage',
      });

      // Without the analysis a complaint outcome still records a bare complaint contact, no ticket.
      const bare = await t.injectAs(agent, {
        method: 'POST',
        url: `/api/tasks/${await newTask()}/outcome`,
        payload: { disposition: 'complaint', summary: '客户抱怨资费' },
      });
      expect(bare.statusCode, bare.body).toBe(200);
      expect(bare.json().ticket).toBeNull();
      expect(await contactRows(ids.call)).toHaveLength(2);
    });
  });

  describe('classifier settings', () => {
    const settingsUrl = '/api/service-settings/classifier';

    it('reports the accuracy of the rules in force on the labelled sample, as evaluateClassifier does', async () => {
      const response = await t.injectAs(analyst, { method: 'GET', url: `${settingsUrl}/evaluation` });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      const all = evaluateClassifier(LABELLED_SAMPLE, DEFAULT_CLASSIFIER_RULES);
      const tune = evaluateClassifier(
        LABELLED_SAMPLE.filter((note) => note.split === 'tune'),
        DEFAULT_CLASSIFIER_RULES,
      );
      const heldout = evaluateClassifier(
        LABELLED_SAMPLE.filter((note) => note.split === 'heldout'),
        DEFAULT_CLASSIFIER_RULES,
      );
      expect(body.rulesVersion).toBe(0);
      expect(body.overall).toEqual({ size: all.size, accuracy: all.accuracy });
      expect(body.tune).toEqual({ size: tune.size, accuracy: tune.accuracy });
      expect(body.heldout).toEqual({ size: heldout.size, accuracy: heldout.accuracy });
      expect(body.perType).toEqual(all.perType);
      expect(body.confusion).toEqual(all.confusion);
      expect(body.misclassifications.map((m: { text: string }) => m.text)).toEqual(
        all.errors.map((error) => error.text),
      );
      const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
      console.log(
        `classifier evaluation (built-in rules): overall ${pct(body.overall.accuracy)} of ${body.overall.size}, ` +
          `tuned ${pct(body.tune.accuracy)} of ${body.tune.size}, held-out ${pct(body.heldout.accuracy)} of ${body.heldout.size}`,
      );
      expect((await t.injectAs(agent, { method: 'GET', url: `${settingsUrl}/evaluation` })).statusCode).toBe(
        403,
      );
    });

    it('uses an analyst’s edited rules for the next classify call, and refuses bad rules with their paths', async () => {
      const current = await t.injectAs(analyst, { method: 'GET', url: settingsUrl });
      expect(current.statusCode, current.body).toBe(200);
      expect(current.json()).toMatchObject({ version: 0, createdAt: null });
      const rules: ClassifierRules = current.json().document;
      expect(rules).toEqual(DEFAULT_CLASSIFIER_RULES);

      const note = '客户说要找xbqz处理';
      expect((await classify(agent, note)).json()).toMatchObject({ rulesVersion: 0, type: 'consultation' });

      const broken = {
        ...rules,
        keywords: { ...rules.keywords, complaint: [{ phrase: '投诉', weight: -1 }] },
        priority: ['complaint', 'complaint', 'business', 'dissatisfaction', 'suggestion', 'consultation'],
      };
      const refused = await t.injectAs(analyst, {
        method: 'PUT',
        url: settingsUrl,
        payload: { document: broken },
      });
      expect(refused.statusCode).toBe(400);
      expect(issuePaths(refused)).toEqual(
        expect.arrayContaining(['body.document.keywords.complaint.0.weight', 'body.document.priority.1']),
      );

      const edited = {
        ...rules,
        keywords: {
          ...rules.keywords,
          complaint: [...rules.keywords.complaint, { phrase: 'xbqz', weight: 5 }],
        },
      };
      const forbidden = await t.injectAs(agent, {
        method: 'PUT',
        url: settingsUrl,
        payload: { document: edited },
      });
      expect(forbidden.statusCode).toBe(403);
      const saved = await t.injectAs(analyst, {
        method: 'PUT',
        url: settingsUrl,
        payload: { document: edited, note: 'xbqz is the new regulator hotline nickname' },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json()).toMatchObject({ version: 1, createdAt: expect.any(String) });

      const after = await classify(agent, note);
      expect(after.json()).toMatchObject({ rulesVersion: 1, type: 'complaint' });
      const logged = await logContact(agent, ids.mine, {
        channel: 'app',
        direction: 'inbound',
        type: 'consultation',
        note,
      });
      expect(logged.json().contact).toMatchObject({ type: 'consultation', suggestedType: 'complaint' });

      const evaluation = await t.injectAs(analyst, { method: 'GET', url: `${settingsUrl}/evaluation` });
      expect(evaluation.json().rulesVersion).toBe(1);
      expect(evaluation.json().overall.accuracy).toBe(evaluateClassifier(LABELLED_SAMPLE, edited).accuracy);
    });
  });
});
