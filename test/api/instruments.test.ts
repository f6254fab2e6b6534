import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../../src/server/platform/db/sql.ts';
import { engines, startApp, type TestApp } from '../helpers/app.ts';
import { at, createInstrument, instrumentInput, item, ownerOrg } from '../helpers/instruments.ts';

describe.each(engines())('instrument catalogue on %s', (engine) => {
  let t: TestApp;
  let owner: Awaited<ReturnType<typeof ownerOrg>>;
  beforeAll(async () => {
    t = await startApp(engine);
    owner = await ownerOrg(t, 'lab-a');
  });
  afterAll(() => t.close());

  it('lets an owner member register an instrument for their own organization only, with history', async () => {
    const mine = await t.request({
      method: 'POST',
      url: '/api/v1/instruments',
      headers: { cookie: owner.cookie },
      body: instrumentInput({ name: 'X射线衍射仪' }),
    });
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toMatchObject({ ownerOrgId: owner.orgId, name: 'X射线衍射仪', className: '分析仪器', canManage: true });
    const other = await t.request({ method: 'POST', url: '/api/v1/instruments', role: 'member', body: instrumentInput({ ownerOrgId: owner.orgId }) });
    expect(other.statusCode).toBe(403);
    const district = await t.request({ method: 'POST', url: '/api/v1/instruments', role: 'district', body: instrumentInput({ ownerOrgId: owner.orgId }) });
    expect(district.statusCode).toBe(403);
    const edit = await t.request({ method: 'PATCH', url: `/api/v1/instruments/${mine.json().id}`, role: 'member', body: { name: '改名' } });
    expect(edit.statusCode).toBe(403);
    const history = await t.request({ url: `/api/v1/instruments/${mine.json().id}/history`, headers: { cookie: owner.cookie } });
    expect(history.json().items[0]).toMatchObject({ action: 'create' });
  });

  it('refuses bad input field by field, in Chinese and English, and stores nothing', async () => {
    const before = (await t.request({ url: '/api/v1/instruments?pageSize=1' })).json().total;
    const bad = instrumentInput({
      ownerOrgId: owner.orgId,
      classCode: 'nope',
      openingHours: [[['9:00', '18:00']], [], [], [], [], [], []],
      minBookingMinutes: 120,
      maxBookingMinutes: 60,
    });
    const zh = await t.request({ method: 'POST', url: '/api/v1/instruments', role: 'admin', body: bad });
    expect(zh.statusCode).toBe(400);
    const paths = zh.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toContain('openingHours.0.0.0');
    // our own rules' sentences name the field by its label where they do not already
    expect(zh.json().error.fields.find((f: { path: string }) => f.path === 'openingHours.0.0.0').message).toBe(
      '「开放时间」：时间应为 HH:MM 格式，例如 09:00。',
    );
    expect(zh.json().error.fields.find((f: { path: string }) => f.path === 'maxBookingMinutes').message).toBe('最长预约时长不能短于最短预约时长。');
    const unknownClass = await t.request({
      method: 'POST',
      url: '/api/v1/instruments',
      role: 'admin',
      lang: 'en',
      body: instrumentInput({ ownerOrgId: owner.orgId, classCode: 'nope' }),
    });
    expect(unknownClass.json().error.fields).toEqual([{ path: 'classCode', message: 'Unknown instrument class: nope.' }]);
    expect((await t.request({ url: '/api/v1/instruments?pageSize=1' })).json().total).toBe(before);
  });

  it('refuses an edit made on a stale version with 409', async () => {
    const id = await createInstrument(t, owner.orgId, { name: '万能材料试验机', classCode: 'physical' });
    const first = await t.request({
      method: 'PATCH',
      url: `/api/v1/instruments/${id}`,
      headers: { cookie: owner.cookie },
      body: { priceExternalFen: 50_000, version: 1 },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, priceExternalFen: 50_000 });
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/instruments/${id}`,
      headers: { cookie: owner.cookie },
      body: { priceExternalFen: 1, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('当前版本 2');
  });

  it('leaves the fields a PATCH omits as they were (a default never resets them)', async () => {
    const id = await createInstrument(t, owner.orgId, {
      name: '扫描电子显微镜',
      status: 'maintenance',
      needsApproval: false,
      minBookingMinutes: 60,
      noticeHours: 12,
    });
    const renamed = await t.request({
      method: 'PATCH',
      url: `/api/v1/instruments/${id}`,
      headers: { cookie: owner.cookie },
      body: { name: '场发射扫描电子显微镜' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '场发射扫描电子显微镜', status: 'maintenance', needsApproval: false, minBookingMinutes: 60, noticeHours: 12 });
  });

  it('finds instruments in traditional or simplified characters and masks the contact phone for visitors', async () => {
    await createInstrument(t, owner.orgId, { name: '液相色谱-质谱联用仪', capabilities: '农药残留与兽药残留检测' });
    const trad = await t.request({ url: `/api/v1/instruments?q=${encodeURIComponent('質譜聯用')}` });
    expect(trad.json().items.map((i: { name: string }) => i.name)).toContain('液相色谱-质谱联用仪');
    const byCapability = await t.request({ url: `/api/v1/instruments?q=${encodeURIComponent('農藥殘留')}` });
    expect(byCapability.json().total).toBeGreaterThanOrEqual(1);
    const anonymous = trad.json().items[0];
    expect(anonymous.contactPhone).toBe('023****0001');
    const signedIn = await t.request({ url: `/api/v1/instruments/${anonymous.id}`, role: 'member' });
    expect(signedIn.json().contactPhone).toBe('023-65100001');
    const cheapFirst = (await t.request({ url: '/api/v1/instruments?sort=price&pageSize=100' }))
      .json()
      .items.map((i: { priceExternalFen: number }) => i.priceExternalFen);
    expect(cheapFirst.length).toBeGreaterThan(2);
    expect(cheapFirst).toEqual([...cheapFirst].sort((a: number, b: number) => a - b));
    // the other orders, each sorted from the matches themselves (no join back to the catalogue)
    // (a Latin name: by name it would come last, by value it comes first)
    const dear = await createInstrument(t, owner.orgId, { name: 'Titan Krios G4 冷冻透射电镜', originalValueFen: 2_800_000_000 });
    const byValue = (await t.request({ url: '/api/v1/instruments?sort=value&pageSize=100' })).json().items as { id: number; originalValueFen: number | null }[];
    expect(byValue[0].id).toBe(dear);
    const values = byValue.map((i) => i.originalValueFen ?? -1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const byUpdate = (await t.request({ url: '/api/v1/instruments?sort=updated&pageSize=100' })).json().items as { id: number; updatedAt: string }[];
    expect(byUpdate[0].id).toBe(dear);
    const times = byUpdate.map((i) => Date.parse(i.updatedAt));
    expect(times.every(Number.isFinite)).toBe(true);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const byClass = await t.request({ url: '/api/v1/instruments?class=physical' });
    expect(byClass.json().items.every((i: { classCode: string }) => i.classCode === 'physical')).toBe(true);
    expect(byClass.json().facets.class).toEqual([{ code: 'physical', count: byClass.json().total }]);
  });

  it('masks the contact person and phone for anonymous visitors in the detail, the list and the free-time search', async () => {
    const lab = await ownerOrg(t, 'lab-contact', '重庆联系人测试中心');
    const id = await createInstrument(t, lab.orgId, { name: '电感耦合等离子体质谱仪', contactName: '欧阳老师', contactPhone: '023-65100001' });
    const window = `freeFrom=${encodeURIComponent(at(2, '09:00'))}&freeTo=${encodeURIComponent(at(2, '12:00'))}`;
    const urls = [`/api/v1/instruments/${id}`, `/api/v1/instruments?owner=${lab.orgId}`, `/api/v1/instruments?owner=${lab.orgId}&${window}`];
    for (const url of urls) {
      const anonymous = await t.request({ url });
      const body = anonymous.json();
      const ins = body.items ? body.items[0] : body;
      expect(ins).toMatchObject({ id, contactName: '欧***', contactPhone: '023****0001', contactMasked: true });
      expect(anonymous.body).not.toContain('欧阳老师');
      const signedIn = (await t.request({ url, role: 'member' })).json();
      expect(signedIn.items ? signedIn.items[0] : signedIn).toMatchObject({ id, contactName: '欧阳老师', contactPhone: '023-65100001', contactMasked: false });
    }
  });

  it('filters by free time: a booking, a blackout or closing time take an instrument out', async () => {
    const otherOwner = await ownerOrg(t, 'lab-free', '重庆自由测试中心');
    const booked = await createInstrument(t, otherOwner.orgId, { name: '原子力显微镜', needsApproval: false });
    const blacked = await createInstrument(t, otherOwner.orgId, { name: '激光共聚焦显微镜' });
    const free = await createInstrument(t, otherOwner.orgId, { name: '透射电子显微镜' });
    const b = await t.request({ method: 'POST', url: '/api/v1/bookings', role: 'member', body: { items: [item(booked, at(1, '09:00'), at(1, '10:00'))] } });
    expect(b.statusCode).toBe(201);
    const ex = await t.request({
      method: 'POST',
      url: `/api/v1/instruments/${blacked}/exceptions`,
      headers: { cookie: otherOwner.cookie },
      body: { kind: 'closed', start: at(1, '08:00'), end: at(1, '20:00'), reason: '年度检修' },
    });
    expect(ex.statusCode).toBe(201);
    const search = (minHours: number, from = '09:00', to = '12:00') =>
      t
        .request({
          url: `/api/v1/instruments?owner=${otherOwner.orgId}&freeFrom=${encodeURIComponent(at(1, from))}&freeTo=${encodeURIComponent(at(1, to))}&minHours=${minHours}`,
        })
        .then((r) => r.json());
    const three = await search(3);
    expect(three.items.map((i: { id: number }) => i.id)).toEqual([free]);
    expect(three.items[0].freeSlots).toEqual([{ start: new Date(at(1, '09:00')).toISOString(), end: new Date(at(1, '12:00')).toISOString() }]);
    const two = await search(2);
    expect(two.items.map((i: { id: number }) => i.id).sort()).toEqual([booked, free].sort());
    const bookedHit = two.items.find((i: { id: number }) => i.id === booked);
    expect(bookedHit.freeSlots).toEqual([{ start: new Date(at(1, '10:00')).toISOString(), end: new Date(at(1, '12:00')).toISOString() }]);
    expect(bookedHit.longestFreeHours).toBe(2);
    // the instruments close at 20:00
    expect((await search(1, '20:00', '23:00')).total).toBe(0);
    const cal = (
      await t.request({
        url: `/api/v1/instruments/${booked}/availability?from=${encodeURIComponent(at(1, '00:00'))}&to=${encodeURIComponent(at(2, '00:00'))}`,
        role: 'member',
      })
    ).json();
    expect(cal.open).toEqual([{ start: new Date(at(1, '08:00')).toISOString(), end: new Date(at(1, '20:00')).toISOString() }]);
    expect(cal.busy).toEqual([expect.objectContaining({ start: new Date(at(1, '09:00')).toISOString(), status: 'confirmed', mine: true })]);
    expect(cal.free).toHaveLength(2);
    const blackCal = (
      await t.request({
        url: `/api/v1/instruments/${blacked}/availability?from=${encodeURIComponent(at(1, '00:00'))}&to=${encodeURIComponent(at(2, '00:00'))}`,
      })
    ).json();
    expect(blackCal.closed[0].reason).toBe('年度检修');
    expect(blackCal.free).toEqual([]);
  });

  it('tells apart instruments of one weekly template by their notice, advance limit and bookings', async () => {
    const lab = await ownerOrg(t, 'lab-groups', '重庆同模板测试中心');
    const week = Array.from({ length: 7 }, () => [['08:00', '18:00']]);
    const ready = await createInstrument(t, lab.orgId, { name: '同模板仪器甲', openingHours: week, needsApproval: false });
    await createInstrument(t, lab.orgId, { name: '同模板仪器乙', openingHours: week, noticeHours: 72 });
    await createInstrument(t, lab.orgId, { name: '同模板仪器丙', openingHours: week, maxAdvanceDays: 1, minBookingMinutes: 60 });
    const taken = await createInstrument(t, lab.orgId, { name: '同模板仪器丁', openingHours: week, needsApproval: false });
    const b = await t.request({ method: 'POST', url: '/api/v1/bookings', role: 'member', body: { items: [item(taken, at(2, '10:00'), at(2, '11:00'))] } });
    expect(b.statusCode).toBe(201);
    const free = (day: number, hours: number) =>
      t
        .request({
          url: `/api/v1/instruments?owner=${lab.orgId}&freeFrom=${encodeURIComponent(at(day, '09:00'))}&freeTo=${encodeURIComponent(at(day, '12:00'))}&minHours=${hours}`,
        })
        .then((r) =>
          r
            .json()
            .items.map((i: { name: string }) => i.name)
            .sort(),
        );
    // the day after tomorrow: 乙 is within its 72-hour notice, 丙 beyond its one-day advance limit, 丁 booked 10–11
    expect(await free(2, 3)).toEqual(['同模板仪器甲']);
    expect(await free(2, 1)).toEqual(['同模板仪器丁', '同模板仪器甲'].sort());
    expect((await t.request({ url: `/api/v1/instruments/${ready}` })).json().name).toBe('同模板仪器甲');
  });

  it('joins touching opening intervals into one free stretch, also across midnight', async () => {
    const lab = await ownerOrg(t, 'lab-touch', '重庆连续开放实验室');
    const split = Array.from({ length: 7 }, () => [
      ['08:00', '12:00'],
      ['12:00', '18:00'],
    ]);
    const allDay = Array.from({ length: 7 }, () => [['00:00', '24:00']]);
    const gap = Array.from({ length: 7 }, () => [
      ['08:00', '12:00'],
      ['13:00', '18:00'],
    ]);
    const splitId = await createInstrument(t, lab.orgId, { name: '分段开放的拉曼光谱仪', openingHours: split });
    const hpc = await createInstrument(t, lab.orgId, {
      name: '高性能计算集群',
      kind: 'compute',
      classCode: 'computing',
      priceUnit: 'core_hour',
      openingHours: allDay,
      maxBookingMinutes: 7 * 24 * 60,
    });
    await createInstrument(t, lab.orgId, { name: '午休关闭的光谱仪', openingHours: gap });
    const free = (from: string, to: string, hours: number) =>
      t
        .request({ url: `/api/v1/instruments?owner=${lab.orgId}&freeFrom=${encodeURIComponent(from)}&freeTo=${encodeURIComponent(to)}&minHours=${hours}` })
        .then((r) =>
          r
            .json()
            .items.map((i: { id: number }) => i.id)
            .sort(),
        );
    expect(await free(at(1, '11:00'), at(1, '14:00'), 3)).toEqual([splitId, hpc].sort());
    expect(await free(at(1, '22:00'), at(2, '04:00'), 6)).toEqual([hpc]);
    // a booking of several days that began before the window still takes the window (the search reads
    // bookings back as far as the longest booking there is)
    const long = await t.request({ method: 'POST', url: '/api/v1/bookings', role: 'member', body: { items: [item(hpc, at(1, '20:00'), at(4, '08:00'))] } });
    expect(long.statusCode).toBe(201);
    expect(await free(at(3, '09:00'), at(3, '12:00'), 1)).not.toContain(hpc);
    expect(await free(at(4, '09:00'), at(4, '12:00'), 1)).toContain(hpc);
  });

  it('offers free time only of instruments the viewer may book: members-only ones to the owner’s members', async () => {
    const lab = await ownerOrg(t, 'lab-members', '重庆内部共享实验室');
    const open = await createInstrument(t, lab.orgId, { name: '对外开放的热重分析仪' });
    const internal = await createInstrument(t, lab.orgId, { name: '仅限本单位的核磁共振波谱仪', sharingMode: 'members' });
    // both free all day after tomorrow (open 08:00–20:00 every day, no notice)
    const window = `freeFrom=${encodeURIComponent(at(2, '09:00'))}&freeTo=${encodeURIComponent(at(2, '12:00'))}&minHours=2`;
    const search = (headers: Record<string, string> = {}) =>
      t.request({ url: `/api/v1/instruments?owner=${lab.orgId}&${window}`, headers }).then((r) => r.json());
    const ids = (page: { items: { id: number }[] }) => page.items.map((i) => i.id).sort();

    // an outside organization's member, and an anonymous visitor (who would sign in as one), see only the open one
    const outsider = await search({ cookie: t.cookies.member });
    expect(ids(outsider)).toEqual([open]);
    expect(outsider.total).toBe(1);
    expect(outsider.facets.class).toEqual([{ code: 'analytical', count: 1 }]);
    expect(ids(await search())).toEqual([open]);
    // the owner's own members see both
    const member = await search({ cookie: lab.cookie });
    expect(ids(member)).toEqual([open, internal].sort());
    expect(member.total).toBe(2);
    // the outsider's cart would be refused: the search agrees with the booking rule
    const cart = await t.request({
      method: 'POST',
      url: '/api/v1/bookings/quote',
      role: 'member',
      body: { items: [item(internal, at(2, '09:00'), at(2, '11:00'))] },
    });
    expect(cart.json().items[0].problems).toEqual([
      expect.objectContaining({ path: 'items.0.instrumentId', message: '“仅限本单位的核磁共振波谱仪”仅对重庆内部共享实验室内部用户开放。' }),
    ]);

    // the catalogue without a time window still lists it (what the region has), marked as not bookable for the viewer
    const all = (headers: Record<string, string> = {}) =>
      t.request({ url: `/api/v1/instruments?owner=${lab.orgId}`, headers }).then((r) => r.json().items as { id: number; canBook: boolean }[]);
    const canBook = (items: { id: number; canBook: boolean }[]) => Object.fromEntries(items.map((i) => [i.id, i.canBook]));
    expect(canBook(await all({ cookie: t.cookies.member }))).toEqual({ [open]: true, [internal]: false });
    expect(canBook(await all())).toEqual({ [open]: true, [internal]: false });
    expect(canBook(await all({ cookie: lab.cookie }))).toEqual({ [open]: true, [internal]: true });
    expect((await t.request({ url: `/api/v1/instruments/${internal}`, role: 'member' })).json().canBook).toBe(false);
  });

  it('explains a bad availability query', async () => {
    const res = await t.request({ url: `/api/v1/instruments?freeFrom=${encodeURIComponent(at(1, '12:00'))}&minHours=2` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([{ path: 'query.freeTo', message: '「空闲时段结束时间」：请同时填写空闲时间段的开始和结束时间。' }]);
    const order = await t.request({ url: `/api/v1/instruments?freeFrom=${encodeURIComponent(at(1, '12:00'))}&freeTo=${encodeURIComponent(at(1, '09:00'))}` });
    expect(order.json().error.fields[0]).toEqual({ path: 'query.freeTo', message: '「空闲时段结束时间」：结束时间应晚于开始时间。' });
  });

  it('names a bad field by its label, in Chinese and English, without placeholders or zod’s own words', async () => {
    const body = instrumentInput({ ownerOrgId: owner.orgId, name: '仪' });
    const zh = await t.request({ method: 'POST', url: '/api/v1/instruments', role: 'admin', lang: 'zh-CN', body });
    expect(zh.statusCode).toBe(400);
    const zhName = zh.json().error.fields.find((f: { path: string }) => f.path === 'name');
    expect(zhName.message).toBe('「仪器名称」至少 2 个字（现有 1 个）。');
    const en = await t.request({ method: 'POST', url: '/api/v1/instruments', role: 'admin', lang: 'en', body });
    const enName = en.json().error.fields.find((f: { path: string }) => f.path === 'name');
    expect(enName.message).toBe('Instrument name needs at least 2 characters (has 1).');
    // a query parameter and an enumeration too: every request field has a label in both languages
    const query = await t.request({ url: '/api/v1/instruments?sort=cheapest&pageSize=0', lang: 'en' });
    expect(query.json().error.fields.map((f: { path: string; message: string }) => f.message)).toEqual([
      'Sort order cannot be "cheapest"; allowed: relevance, name, price, value, updated.',
      'Page size cannot be less than 1.',
    ]);
    for (const res of [zh, en, query]) {
      for (const f of res.json().error.fields as { path: string; message: string }[]) {
        expect(f.message).not.toContain('{');
        expect(f.message).not.toMatch(/期望|Expected|Invalid input|Too small/);
      }
    }
  });

  it('keeps the 15 classes as editable reference data (city admin only)', async () => {
    const list = await t.request({ url: '/api/v1/instrument-classes' });
    expect(list.json().items).toHaveLength(15);
    expect(
      (
        await t.request({
          method: 'PUT',
          url: '/api/v1/instrument-classes/quantum',
          role: 'member',
          body: { nameZh: '量子仪器', nameEn: 'Quantum instruments' },
        })
      ).statusCode,
    ).toBe(403);
    const added = await t.request({
      method: 'PUT',
      url: '/api/v1/instrument-classes/quantum',
      role: 'admin',
      body: { nameZh: '量子仪器', nameEn: 'Quantum instruments' },
    });
    expect(added.json().items).toHaveLength(16);
    const history = await t.db.query<{ action: string; actor_name: string }>(
      sql`SELECT action, actor_name FROM entity_history WHERE entity_type = 'instrument_class' AND entity_id = 'quantum'`,
    );
    expect(history.rows).toEqual([{ action: 'create', actor_name: '管理员' }]);
  });

  it('takes instrument photos from the owner (JPEG, PNG, WebP up to 5 MB) and serves them', async () => {
    const id = await createInstrument(t, owner.orgId, { name: '扫描探针显微镜' });
    // a real 1×1 PNG
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const upload = (who: Record<string, string>, type: string, data: Buffer) => {
      const boundary = `----kft${Date.now()}`;
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo"\r\nContent-Type: ${type}\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return t.request({
        method: 'POST',
        url: `/api/v1/instruments/${id}/photos`,
        headers: { ...who, 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    };
    expect((await upload({ cookie: t.cookies.member }, 'image/png', png)).statusCode).toBe(403);
    const wrong = await upload({ cookie: owner.cookie }, 'application/pdf', Buffer.from('%PDF-1.4'));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toBe('「照片」只接受 JPEG、PNG、WebP 图片（按文件内容判断，不看扩展名）。');
    const ok = await upload({ cookie: owner.cookie }, 'image/png', png);
    expect(ok.statusCode).toBe(201);
    const served = await t.request({ url: `/api/v1/instrument-photos/${ok.json().id}` });
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(png)).toBe(true);
    expect((await t.request({ url: `/api/v1/instruments/${id}` })).json().photoIds).toEqual([ok.json().id]);
  });
});
