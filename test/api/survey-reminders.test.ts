/**
 * Survey reminders (issue 14 item 3) through the real notification → outbox → mailer path into a real SMTP server:
 * N days before a round's deadline and on the day, every member of an organization that has not submitted gets a
 * notification and an email naming round, form, deadline and the filing's link; an organization that submitted
 * gets none; the job run twice, or by two "processes" at once, sends nothing twice. After the deadline an office
 * chases (催报) its late list: audited, once a day per round and office. The clock moves as in the booking
 * reminder tests: the round's deadline is moved in the database (the API refuses a past deadline).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, orgInput, PASSWORD, startApp, type TestApp } from '../helpers/app.ts';
import { startMailbox, type Mailbox, type ReceivedMail } from '../helpers/mailbox.ts';
import { sql } from '../../src/server/platform/db/sql.ts';

const beijingDay = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe.each(engines())('survey reminders on %s', (engine) => {
  let t: TestApp;
  let mailbox: Mailbox;
  let roundId: number;
  let lateFilingId: number;
  let otherDistrictOffice: string;
  const title = `2025年度提醒测试调查-${engine}`;
  const system = { id: 0, username: 'system', displayName: 'system', role: 'admin' as const, orgId: null, districtCode: null };

  const login = async (username: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    const c = res.cookies.find((x) => x.name === 'kft_session')!;
    return `${c.name}=${c.value}`;
  };
  const mailsTo = (to: string, match: (m: ReceivedMail) => boolean = () => true) => mailbox.received.filter((m) => m.to === to && match(m));
  const setDeadline = (day: string) => t.db.query(sql`UPDATE survey_rounds SET deadline = ${day}::date WHERE id = ${roundId}`);
  const settle = () => t.services.events.drain();
  /**
   * Delivers the outbox until the mail is in. On PostgreSQL an event is delivered once no older transaction is open
   * in the whole server (the outbox's snapshot rule), and other databases' tests share this one: drain again until then.
   */
  const mailArrives = async (to: string, match: (m: ReceivedMail) => boolean) => {
    const until = Date.now() + 60_000;
    for (;;) {
      await settle();
      const found = mailsTo(to, match)[0];
      if (found) return found;
      if (Date.now() > until) return mailbox.waitFor(to, match, 1);
      await new Promise((ok) => setTimeout(ok, 200));
    }
  };

  beforeAll(async () => {
    mailbox = await startMailbox();
    t = await startApp(engine, { SMTP_URL: mailbox.url, PUBLIC_URL: 'https://kft.example.cn' });
    await t.services.surveys.start();
    // 渝中区 (500103): a late organization with two members, one that will submit; 沙坪坝区: its own office
    const late = await t.services.directory.create(orgInput({ name: '重庆迟报测试科技有限公司', districtCode: '500103' }) as never, system);
    const prompt = await t.services.directory.create(orgInput({ name: '重庆按时测试科技有限公司', districtCode: '500103' }) as never, system);
    for (const [username, orgId] of [
      ['late1', late.id],
      ['late2', late.id],
      ['prompt1', prompt.id],
    ] as const)
      await t.services.auth.createUser({ username, password: PASSWORD, role: 'org_member', displayName: username, orgId, email: `${username}@example.cn` });
    await t.services.auth.createUser({ username: 'spb_office', password: PASSWORD, role: 'district_admin', displayName: '沙坪坝区', districtCode: '500106' });
    otherDistrictOffice = await login('spb_office');
    const form = ((await t.request({ url: '/api/v1/survey-forms', role: 'admin' })).json().items as { id: number; code: string }[]).find(
      (f) => f.code === 'kf_annual',
    )!;
    const round = await t.request({
      method: 'POST',
      url: '/api/v1/survey-rounds',
      role: 'district',
      body: { formId: form.id, titleZh: title, titleEn: `Reminder test survey ${engine}`, frequency: 'annual', period: '2025', deadline: beijingDay(20) },
    });
    expect(round.statusCode, round.body).toBe(201);
    roundId = round.json().id;
    // the prompt organization submits before any reminder
    const prompter = await login('prompt1');
    const list = await t.app.inject({ url: `/api/v1/survey-filings?round=${roundId}`, headers: { cookie: prompter } });
    const filing = list.json().items[0];
    const submit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/survey-filings/${filing.id}/submit`,
      headers: { cookie: prompter },
      payload: {
        values: { employees: 50, rd_staff: 5, revenue: 1_000_000, service_revenue: 500_000, rd_spending: 10_000, runs_incubator: 'no', contact: '李四' },
        version: filing.version,
      },
    });
    expect(submit.statusCode, submit.body).toBe(200);
    const lateUser = await login('late1');
    lateFilingId = (await t.app.inject({ url: `/api/v1/survey-filings?round=${roundId}`, headers: { cookie: lateUser } })).json().items[0].id;
  });
  afterAll(async () => {
    await t.close();
    await mailbox.close();
  });

  it('sends nothing while the deadline is further than the reminder days', async () => {
    expect(t.config.surveyReminderDays).toBe(3);
    await setDeadline(beijingDay(4));
    expect(await t.services.surveys.reminders.tick()).toEqual({ reminders: 0, recipients: 0 });
  });

  it('reminds every member of a late organization 3 days ahead by notification and email, once, and not those who submitted', async () => {
    await setDeadline(beijingDay(3));
    const first = await t.services.surveys.reminders.tick();
    expect(first.reminders).toBeGreaterThanOrEqual(1);
    const mail = await mailArrives('late1@example.cn', (m) => m.subject.includes(title));
    expect(mail.subject).toBe(`【科服通】统计报表填报提醒：${title}`);
    expect(mail.text).toContain(`「重庆迟报测试科技有限公司」的《科技服务业机构年度统计报表》（${title}）尚未提交，截止日期为 ${beijingDay(3)}，还有 3 天。`);
    expect(mail.text).toContain(`https://kft.example.cn/surveys/filings/${lateFilingId}`);
    // the English part under the Chinese one
    expect(mail.text).toContain(`Survey reminder: Reminder test survey ${engine}`);
    expect(mail.text).toContain(`the deadline is ${beijingDay(3)}, in 3 day(s)`);
    await mailArrives('late2@example.cn', (m) => m.subject.includes(title));
    // the job again, and two at once (two processes): nothing more
    expect((await t.services.surveys.reminders.tick()).reminders).toBe(0);
    const twice = await Promise.all([t.services.surveys.reminders.tick(), t.services.surveys.reminders.tick()]);
    expect(twice.map((x) => x.reminders)).toEqual([0, 0]);
    await settle();
    await new Promise((ok) => setTimeout(ok, 300));
    expect(mailsTo('late1@example.cn', (m) => m.subject.includes(title))).toHaveLength(1);
    expect(mailsTo('prompt1@example.cn')).toHaveLength(0);
    // in-app, with the link to the filing page
    const inApp = (await t.app.inject({ url: '/api/v1/notifications', headers: { cookie: await login('late2') } })).json().items;
    expect(inApp.filter((n: { kind: string }) => n.kind === 'survey.reminder')).toMatchObject([
      { link: `/surveys/filings/${lateFilingId}`, title: `统计报表填报提醒：${title}` },
    ]);
    const audit = (await t.request({ url: '/api/v1/audit?type=surveys.reminders_sent', role: 'admin' })).json();
    expect(audit.items.some((e: { detail: { point: string } }) => e.detail.point === 'before')).toBe(true);
  });

  it('reminds again on the deadline day, exactly once even when two processes run the job at the same moment', async () => {
    await setDeadline(beijingDay(0));
    const both = await Promise.all([t.services.surveys.reminders.tick(), t.services.surveys.reminders.tick()]);
    const late = (await t.request({ url: `/api/v1/survey-filings?round=${roundId}&pageSize=200`, role: 'district' }))
      .json()
      .items.filter((f: { status: string }) => f.status !== 'submitted').length;
    expect(both[0].reminders + both[1].reminders).toBe(late);
    const mail = await mailArrives('late1@example.cn', (m) => m.subject.includes(title) && m.text.includes('今天截止'));
    expect(mail.text).toContain(`截止日期为 ${beijingDay(0)}，今天截止。`);
    expect(mail.text).toContain('the deadline is');
    expect((await t.services.surveys.reminders.tick()).reminders).toBe(0);
    await settle();
    await new Promise((ok) => setTimeout(ok, 300));
    expect(mailsTo('late1@example.cn', (m) => m.subject.includes(title))).toHaveLength(2);
    expect(mailsTo('prompt1@example.cn')).toHaveLength(0);
    // the notifications the mails come from: one per point, none for the organization that submitted
    const kinds = async (user: string) =>
      (await t.app.inject({ url: '/api/v1/notifications', headers: { cookie: await login(user) } }))
        .json()
        .items.filter((n: { kind: string }) => n.kind === 'survey.reminder');
    expect(await kinds('late2')).toHaveLength(2);
    expect(await kinds('prompt1')).toHaveLength(0);
  });

  it('lets the office chase its late list after the deadline, once a day, audited; not before, not others', async () => {
    const early = await t.request({ method: 'POST', url: `/api/v1/survey-rounds/${roundId}/chase`, role: 'district' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe(`截止日期（${beijingDay(0)}）还没有过，催报在截止之后进行；截止之前系统会自动提醒。`);
    await setDeadline(beijingDay(-1));
    // no reminder after the deadline: that is the office's decision
    expect((await t.services.surveys.reminders.tick()).reminders).toBe(0);
    expect((await t.request({ method: 'POST', url: `/api/v1/survey-rounds/${roundId}/chase`, role: 'member' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/survey-rounds/${roundId}/chase`, headers: { cookie: otherDistrictOffice } })).statusCode).toBe(
      403,
    );
    const before = (await t.request({ url: `/api/v1/survey-rounds/${roundId}/late`, role: 'district' })).json();
    expect(before.chase).toBeNull();
    expect(before.items.map((x: { filingId: number }) => x.filingId)).toContain(lateFilingId);

    const chase = await t.request({ method: 'POST', url: `/api/v1/survey-rounds/${roundId}/chase`, role: 'district' });
    expect(chase.statusCode, chase.body).toBe(200);
    expect(chase.json()).toMatchObject({ orgs: before.items.length });
    expect(chase.json().recipients).toBeGreaterThanOrEqual(2);
    const mail = await mailArrives('late1@example.cn', (m) => m.subject === `【科服通】催报：${title}`);
    expect(mail.text).toContain(`已过截止日期 ${beijingDay(-1)}，仍未提交。渝中区管理员请您尽快登录科服通填报：`);
    expect(mail.text).toContain(`https://kft.example.cn/surveys/filings/${lateFilingId}`);
    expect(mail.text).toContain(`Overdue: Reminder test survey ${engine}`);

    const again = await t.request({ method: 'POST', url: `/api/v1/survey-rounds/${roundId}/chase`, role: 'district', lang: 'en' });
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBeDefined();
    expect(again.json().error.message).toMatch(/^This survey was chased today already \(\d\d:\d\d\); it can be chased once a day/);
    const after = (await t.request({ url: `/api/v1/survey-rounds/${roundId}/late`, role: 'district' })).json();
    expect(after.chase).toMatchObject({ orgs: before.items.length, recipients: chase.json().recipients });
    await settle();
    await new Promise((ok) => setTimeout(ok, 300));
    expect(mailsTo('late1@example.cn', (m) => m.subject.includes('催报'))).toHaveLength(1);
    expect(mailsTo('prompt1@example.cn')).toHaveLength(0);
    const audit = (await t.request({ url: '/api/v1/audit?type=surveys.late_chased', role: 'admin' })).json();
    expect(audit.items[0]).toMatchObject({ subjectType: 'survey_round', subjectId: String(roundId), detail: { organizations: before.items.length } });
  });

  it('answers 409 when nobody is late', async () => {
    await t.db.query(sql`UPDATE survey_filings SET status = 'submitted' WHERE round_id = ${roundId}`);
    const none = await t.request({ method: 'POST', url: `/api/v1/survey-rounds/${roundId}/chase`, role: 'admin' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toBe('没有逾期未报的机构，无需催报。');
  });
});
