/**
 * Managing shared instruments, each step as the user of that role does it (instruments.spec.ts covers the
 * buyer's cart and the owners' approve / decline):
 *  1. demo-lab registers an instrument on /instruments/new (class, kind, prices in yuan, a Mon–Fri 09:00–17:00
 *     template set in the editor, rules); an empty name and then a longest booking shorter than the shortest are
 *     refused at their fields in Chinese and create nothing; then it saves, and a search typed in traditional
 *     characters finds it in the catalogue.
 *  2. demo-lab closes that instrument for a day (例外安排 → 暂停开放) and the week calendar shows the day closed.
 *  3. demo-lab records the actual use (登记实际使用) of a confirmed booking that has started; it becomes 已完成.
 *  4. demo-admin reads /instrument-stats by instrument, owner and district (chart and district map) and exports
 *     the workbook, which reads back with SheetJS: a header row and a 合计 row.
 *  5. An instrument page switched to English shows English labels; only data stays Chinese.
 * Steps 2 and 3 use the instrument made in step 1 (so they touch no demo instrument that instruments.spec.ts
 * books), hence the serial block; each creates it through the API when run on its own.
 */
import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { request, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BASE_URL } from '../../playwright.config';
import { login, shot, fieldError } from './helpers';

const PASSWORD = 'demo-kefutong';
const LAB = { username: 'demo-lab', password: PASSWORD };
// the booker of step 3: a member of another organization (not demo-member, whose /bookings instruments.spec.ts counts)
const LAB2 = { username: 'demo-lab2', password: PASSWORD };
const CITY_ADMIN = { username: 'demo-admin', password: PASSWORD };

// A unique name: simplified in the form, traditional in the search box (the latin stamp is the same in both).
const STAMP = `E2E${Date.now().toString(36).toUpperCase()}`;
const NAME = `场发射扫描电子显微镜（共享测试）${STAMP}`;
const NAME_TRADITIONAL = `場發射掃描電子顯微鏡（共享測試）${STAMP}`;
const BLACKOUT_REASON = '设备年度维护保养';

// Asia/Shanghai is UTC+8 all year: wall dates and times by plain arithmetic, whatever the machine's zone.
const SH = 8 * 3600_000;
const shDate = (ms: number) => new Date(ms + SH).toISOString().slice(0, 10);
const shTime = (ms: number) => new Date(ms + SH).toISOString().slice(11, 16);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
const iso = (ms: number) => new Date(ms).toISOString();

interface Booking {
  id: number;
  instrumentId: number;
  instrumentName: string;
  start: string;
  end: string;
  status: string;
  actualStart: string | null;
  actualEnd: string | null;
  workHours: number | null;
  can: { recordUsage: boolean };
}
interface Instrument {
  id: number;
  name: string;
  ownerOrgId: number;
  ownerName: string;
  classCode: string;
  className: string;
  kind: string;
  model: string | null;
  manufacturer: string | null;
  address: string | null;
  room: string | null;
  specifications: string | null;
  capabilities: string | null;
  sampleRequirements: string | null;
  contactName: string | null;
  contactPhone: string | null;
  districtCode: string | null;
  openingHours: [string, string][][];
  priceExternalFen: number;
  priceInternalFen: number;
  minBookingMinutes: number;
  maxBookingMinutes: number;
  needsApproval: boolean;
  canManage: boolean;
}

const made: { id?: number } = {};

/** The instrument of step 1, or (when a step runs on its own) the same kind of instrument made through the API. */
async function ourInstrument(page: Page): Promise<number> {
  if (made.id) return made.id;
  const res = await page.request.post('/api/v1/instruments', {
    data: {
      name: NAME,
      classCode: 'analytical',
      kind: 'facility',
      sharingMode: 'open',
      priceUnit: 'hour',
      priceExternalFen: 35000,
      priceInternalFen: 18050,
      openingHours: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [['09:00', '17:00']] : [])),
      minBookingMinutes: 60,
      maxBookingMinutes: 240,
      noticeHours: 0,
      maxAdvanceDays: 60,
      cancelNoticeHours: 12,
      needsApproval: true,
      needsTraining: false,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  made.id = (await res.json()).id as number;
  return made.id;
}

async function waitForCatalogue(page: Page) {
  await expect(page.getByTestId('result-total')).toHaveText(/共 \d+ 台/);
  const results = page.getByTestId('results');
  await expect(results).toHaveAttribute('data-loading', 'false');
  await expect.poll(async () => (await results.getAttribute('data-loaded-for')) === (await results.getAttribute('data-wanted'))).toBe(true);
}

/** The antd form item that holds the control with this id. */
const formItem = (page: Page, id: string) => page.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });

async function pick(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

test.describe
  .serial('an owner registers and runs an instrument', () => {
    test('demo-lab registers an instrument; bad fields are refused in Chinese; the catalogue finds it in traditional characters', async ({ page }) => {
      await login(page, LAB);
      await page.goto('/instruments');
      await page.getByRole('link', { name: '+ 登记仪器' }).click();
      await expect(page).toHaveURL(/\/instruments\/new$/);
      await expect(page.getByRole('heading', { level: 1, name: '登记仪器' })).toBeVisible();

      // everything but the name
      await pick(page, '仪器类别', '分析仪器');
      await page.getByLabel('型号').fill('SU-E2E 8230');
      await page.getByLabel('生产厂商').fill('日立高新技术');
      await pick(page, '资源类型', '科研设施');
      await page.getByLabel('存放地点').fill('重庆市沙坪坝区大学城测试楼');
      await page.getByLabel('房间号').fill('B203');
      await page.getByLabel('主要功能与服务内容').fill('材料表面形貌观察、能谱元素分析。');
      await page.getByLabel('联系人').fill('王老师');
      await page.getByLabel('联系电话').fill('023-65100000');
      await page.getByLabel('对外收费（元）').fill('350');
      await page.getByLabel('本单位收费（元）').fill('180.5');

      // opening hours: Monday becomes one interval 09:00–17:00, then "Tue–Fri same as Monday"
      await page.getByRole('button', { name: '删除周一第 2 个时段' }).click();
      await page.getByLabel('周一第 1 个时段开始').fill('09:00');
      await page.getByLabel('周一第 1 个时段结束').fill('17:00');
      await page.getByRole('button', { name: '周二至周五同周一' }).click();
      for (const day of ['周一', '周二', '周三', '周四', '周五']) {
        await expect(page.getByLabel(`${day}第 1 个时段开始`)).toHaveValue('09:00');
        await expect(page.getByLabel(`${day}第 1 个时段结束`)).toHaveValue('17:00');
        await expect(page.getByLabel(`${day}第 2 个时段开始`)).toHaveCount(0);
      }
      for (const d of [5, 6]) await expect(page.getByTestId(`hours-day-${d}`)).toContainText('不开放');

      // rules, with the longest booking shorter than the shortest
      await page.getByLabel('最短预约（分钟）').fill('60');
      await page.getByLabel('最长预约（分钟）').fill('30');
      await page.getByLabel('需提前预约（小时）').fill('0');
      await page.getByLabel('最多提前预约（天）').fill('60');
      await page.getByLabel('免费取消截止（开始前小时数）').fill('12');

      // 1st save: the empty name is caught in the page
      await page.getByTestId('save').click();
      await expect(fieldError(formItem(page, 'name'))).toHaveText('请填写仪器名称');
      await expect(page).toHaveURL(/\/instruments\/new$/);
      await shot(page, 'inst-manage-form-required');

      // 2nd save: the server refuses longest < shortest, shown at that field
      await page.getByLabel('仪器名称').fill(NAME);
      await page.getByTestId('save').click();
      await expect(fieldError(formItem(page, 'maxBookingMinutes'))).toContainText('最长预约时长不能短于最短预约时长');
      await expect(page.getByTestId('form-error')).toContainText('请修改标出的字段');
      await expect(fieldError(formItem(page, 'name'))).toHaveCount(0);
      await expect(page).toHaveURL(/\/instruments\/new$/);
      await shot(page, 'inst-manage-form-length-order');
      const none = await (await page.request.get(`/api/v1/instruments?q=${encodeURIComponent(STAMP)}&status=in_service,maintenance,retired`)).json();
      expect(none.total, 'nothing was created by the refused saves').toBe(0);

      // corrected: saved, and we land on the new instrument's page
      await page.getByLabel('最长预约（分钟）').fill('240');
      await page.getByTestId('save').click();
      await expect(page).toHaveURL(/\/instruments\/\d+$/);
      made.id = Number(new URL(page.url()).pathname.split('/').pop());
      await expect(page.getByTestId('instrument-title')).toHaveText(NAME);
      await expect(page.getByText('仪器已登记')).toBeVisible();
      const hours = page.getByTestId('opening-hours');
      for (const day of ['周一', '周二', '周三', '周四', '周五'])
        await expect(hours.getByRole('listitem').filter({ hasText: day })).toContainText('09:00–17:00');
      for (const day of ['周六', '周日']) await expect(hours.getByRole('listitem').filter({ hasText: day })).toContainText('不开放');
      await expect(page.getByTestId('price-external')).toHaveText('¥350.00/小时');
      await expect(page.getByTestId('owner-tools')).toBeVisible();
      await shot(page, 'inst-manage-created');

      // the stored instrument is what was typed (money in fen)
      const ins = (await (await page.request.get(`/api/v1/instruments/${made.id}`)).json()) as Instrument;
      expect(ins).toMatchObject({
        name: NAME,
        classCode: 'analytical',
        kind: 'facility',
        priceExternalFen: 35000,
        priceInternalFen: 18050,
        minBookingMinutes: 60,
        maxBookingMinutes: 240,
        needsApproval: true,
      });
      expect(ins.openingHours).toEqual([0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? [['09:00', '17:00']] : [])));

      // the catalogue finds it by its name typed in traditional characters
      await page.getByRole('navigation').getByRole('link', { name: '共享仪器' }).click();
      await waitForCatalogue(page);
      await page.getByRole('searchbox', { name: '搜索仪器' }).fill(NAME_TRADITIONAL);
      await page.getByRole('searchbox', { name: '搜索仪器' }).press('Enter');
      await expect(page).toHaveURL(/[?&]q=/);
      await waitForCatalogue(page);
      await expect(page.getByTestId('result-total')).toHaveText('共 1 台（套）');
      const card = page.locator(`[data-testid="instrument-card"][data-id="${made.id}"]`);
      await expect(card.getByTestId('instrument-name')).toHaveText(NAME);
      await expect(card.getByTestId('instrument-price')).toHaveText('¥350.00/小时');
      await expect(card).toContainText('科研设施');
      await shot(page, 'inst-manage-catalogue-traditional');
    });

    test('demo-lab closes its instrument for a day and the week calendar shows the day closed', async ({ page }) => {
      await login(page, LAB);
      const id = await ourInstrument(page);
      // next week's Wednesday: in the future whatever today is, and a day the template opens 09:00–17:00
      const nextMonday = addDays(mondayOf(shDate(Date.now())), 7);
      const day = addDays(nextMonday, 2);

      await page.goto(`/instruments/${id}`);
      await page.getByTestId('next-week').click();
      await expect(page).toHaveURL(new RegExp(`week=${nextMonday}`));
      // the calendar shows next week's data (until it arrives it keeps this week's, whose Wednesday may be past)
      await expect(page.getByTestId('week-shown')).toHaveAttribute('data-week', nextMonday);
      await expect(page.getByTestId('week-shown')).toHaveAttribute('aria-busy', 'false');
      const cal = page.getByTestId('week-calendar');
      const headers = cal.getByRole('columnheader');
      await expect(headers).toHaveCount(8); // the corner and seven days
      const wedLabel = (await headers.nth(3).getAttribute('aria-label'))!;
      const tueLabel = (await headers.nth(2).getAttribute('aria-label'))!;
      // a day's cells: its free cells' buttons and its other cells, each named "<day> <from>–<to> <state>"
      const cellsOf = (label: string) => cal.locator(`:is(td, button)[aria-label^="${label} "]`);
      await expect(cellsOf(wedLabel).and(page.getByTestId('cal-free'))).not.toHaveCount(0); // open before

      // the exceptions tab: 暂停开放 from that day 00:00 to the next day 00:00
      const tools = page.getByTestId('owner-tools');
      await expect(tools.getByRole('tab', { name: '例外安排', selected: true })).toBeVisible();
      await expect(tools.getByText('暂无例外安排')).toBeVisible();
      await expect(tools.locator('.ant-select').first()).toContainText('暂停开放（维护、节假日）');
      await tools.getByLabel('开始', { exact: true }).fill(day);
      await tools.getByLabel('开始时间').fill('00:00');
      await tools.getByLabel('结束', { exact: true }).fill(addDays(day, 1));
      await tools.getByLabel('结束时间').fill('00:00');
      await tools.getByLabel('原因').fill(BLACKOUT_REASON);
      await tools.getByRole('button', { name: '添加例外安排' }).click();
      await expect(page.getByText('已添加例外安排')).toBeVisible();
      const item = tools.locator('.ant-list-item').filter({ hasText: BLACKOUT_REASON });
      await expect(item).toContainText('暂停开放（维护、节假日）');
      await expect(item).toContainText(wedLabel);

      // the calendar (reloaded) shows every cell of that day closed, with the reason; Tuesday stays open
      const wed = cellsOf(wedLabel);
      await expect(wed.and(page.getByTestId('cal-free'))).toHaveCount(0);
      const rows = await wed.count();
      expect(rows).toBeGreaterThan(0);
      await expect(wed.and(page.locator('[data-state="closed"]'))).toHaveCount(rows);
      await expect(wed.first()).toHaveAttribute('aria-label', new RegExp(`不开放（${BLACKOUT_REASON}）`));
      await expect(cellsOf(tueLabel).and(page.getByTestId('cal-free'))).toHaveCount(rows);

      // and so does the API (the whole day is closed, nothing open)
      const av = await (
        await page.request.get(
          `/api/v1/instruments/${id}/availability?from=${encodeURIComponent(`${day}T00:00:00+08:00`)}&to=${encodeURIComponent(`${addDays(day, 1)}T00:00:00+08:00`)}`,
        )
      ).json();
      expect(av.open).toEqual([]);
      expect(av.closed.map((c: { reason: string }) => c.reason)).toEqual([BLACKOUT_REASON]);
      await cal.scrollIntoViewIfNeeded();
      await shot(page, 'inst-manage-blackout');
    });

    test('demo-lab records the actual use of a confirmed booking that has started: it becomes 已完成', async ({ page }) => {
      test.setTimeout(150_000);
      await login(page, LAB);

      // Is there a confirmed booking of demo-lab's organization that has already started? (The demo data writes
      // past use as completed and only upcoming bookings as confirmed, so normally there is none.)
      const listed = await (await page.request.get('/api/v1/bookings?scope=owner&status=confirmed&pageSize=100')).json();
      const started = (listed.items as Booking[]).filter((b) => Date.parse(b.start) <= Date.now() && b.can.recordUsage);
      test.info().annotations.push({
        type: 'demo data',
        description: `confirmed bookings of demo-lab's organization: ${listed.total}; already started: ${started.length}`,
      });

      let booking: Booking;
      if (started.length) booking = started[0];
      else {
        // Make one as people would: demo-lab opens its instrument for the next hours (an extra opening),
        // demo-lab2 (another organization) books it from half a minute ahead, demo-lab approves; then we wait for the start.
        const id = await ourInstrument(page);
        const now = Date.now();
        const opening = await page.request.post(`/api/v1/instruments/${id}/exceptions`, {
          data: { kind: 'open', start: iso(now - 10 * 60_000), end: iso(now + 3 * 3600_000), reason: '临时加开（端到端测试）' },
        });
        expect(opening.ok(), await opening.text()).toBe(true);
        const booker = await request.newContext({ baseURL: BASE_URL });
        expect((await booker.post('/api/v1/auth/login', { data: LAB2 })).ok()).toBe(true);
        const start = Math.ceil((Date.now() + 25_000) / 1000) * 1000;
        const res = await booker.post('/api/v1/bookings', {
          data: { items: [{ instrumentId: id, start: iso(start), end: iso(start + 60 * 60_000), purpose: '新材料样品表征（端到端测试）' }] },
        });
        expect(res.status(), await res.text()).toBe(201);
        const requested = (await res.json()).items[0] as Booking;
        await booker.dispose();
        expect(requested.status).toBe('pending');
        const approved = await page.request.post(`/api/v1/bookings/${requested.id}/approve`, { data: {} });
        expect(approved.ok(), await approved.text()).toBe(true);
        booking = (await approved.json()) as Booking;
        expect(booking.status).toBe('confirmed');
        expect(booking.can.recordUsage, 'no usage to record before the start').toBe(false);
        await expect
          .poll(async () => ((await (await page.request.get(`/api/v1/bookings/${booking.id}`)).json()) as Booking).can.recordUsage, {
            timeout: 60_000,
            intervals: [2_000],
          })
          .toBe(true);
      }

      await page.goto('/workbench/bookings?status=confirmed');
      const card = page.locator(`[data-testid="booking-card"][data-booking="${booking.id}"]`);
      await expect(card.getByTestId('booking-status')).toHaveText('已确认');
      await expect(card).toContainText(booking.instrumentName);
      await shot(page, 'inst-manage-usage-before');

      await card.getByTestId('record-usage').click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toContainText(`登记实际使用：${booking.instrumentName}`);
      // prefilled with the booked times
      await expect(dialog.getByLabel('实际开始', { exact: true })).toHaveValue(shDate(Date.parse(booking.start)));
      await expect(dialog.getByLabel('实际开始时间')).toHaveValue(shTime(Date.parse(booking.start)));
      await expect(dialog.getByLabel('实际结束时间')).toHaveValue(shTime(Date.parse(booking.end)));

      // the booked end is still ahead, so saving it as is gets the server's reason at the field
      if (Date.parse(booking.end) > Date.now() + 5 * 60_000) {
        await dialog.getByRole('button', { name: /保\s*存/ }).click();
        await expect(fieldError(dialog)).toHaveText('实际使用结束时间不能晚于现在。');
        await expect(card.getByTestId('booking-status')).toHaveText('已确认');
        await shot(page, 'inst-manage-usage-future-end');
      }

      // the use ended now (to the next whole minute)
      const endMs = Math.min(Math.floor(Date.now() / 60_000) * 60_000 + 60_000, Date.parse(booking.end));
      await dialog.getByLabel('实际结束', { exact: true }).fill(shDate(endMs));
      await dialog.getByLabel('实际结束时间').fill(shTime(endMs));
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText('已登记实际使用')).toBeVisible();
      await expect(card.getByTestId('booking-status')).toHaveText('已完成');
      await expect(card).toContainText('实际使用');
      await shot(page, 'inst-manage-usage-completed');

      const after = (await (await page.request.get(`/api/v1/bookings/${booking.id}`)).json()) as Booking;
      expect(after.status).toBe('completed');
      expect(shTime(Date.parse(after.actualStart!))).toBe(shTime(Date.parse(booking.start)));
      expect(Date.parse(after.actualEnd!)).toBe(endMs);
      expect(after.workHours).toBeGreaterThan(0);

      // and the inbox's 已完成 filter lists it
      await page.getByTestId('status-filter').getByText('已完成').click();
      await expect(page).toHaveURL(/status=completed/);
      await expect(page.locator(`[data-testid="booking-card"][data-booking="${booking.id}"]`).getByTestId('booking-status')).toHaveText('已完成');
    });
  });

test('demo-admin reads the sharing indicators by instrument, owner and district and exports them to Excel', async ({ page }) => {
  test.setTimeout(120_000); // three views and an export: over a minute on a busy machine
  await login(page, CITY_ADMIN);
  const statsFor = (groupBy: string) =>
    page.waitForResponse((r) => r.url().includes('/api/v1/instrument-stats?') && r.url().includes(`groupBy=${groupBy}`) && r.ok());
  const loaded = statsFor('instrument');
  await page.getByRole('navigation').getByRole('link', { name: '共享统计' }).click();
  await expect(page).toHaveURL(/\/instrument-stats$/);
  const first = await (await loaded).json();
  // the city admin sees every organization's instruments (the demo has 300, a few of them retired)
  expect(first.totals.instruments).toBeGreaterThan(250);

  const table = page.getByTestId('stats-table');
  const groups = [
    { groupBy: 'instrument', label: '按仪器', column: '仪器', title: '各仪器共享指标' },
    { groupBy: 'owner', label: '按单位', column: '管理单位', title: '各单位共享指标' },
    { groupBy: 'district', label: '按区县', column: '区县', title: '各区县共享指标' },
  ];
  let districtStats: { rows: { name: string }[]; totals: { instruments: number } } | null = null;
  for (const g of groups) {
    let stats = first;
    if (g.groupBy !== 'instrument') {
      const next = statsFor(g.groupBy);
      await page.getByTestId('group-by').getByText(g.label, { exact: true }).click();
      stats = await (await next).json();
      await expect(page).toHaveURL(new RegExp(`groupBy=${g.groupBy}`));
    }
    if (g.groupBy === 'district') districtStats = stats;
    expect(stats.rows.length).toBeGreaterThan(0);
    await expect(page.getByRole('heading', { name: g.title })).toBeVisible();
    await expect(table.locator('thead th').first()).toHaveText(g.column);
    await expect(table.locator('tbody tr.ant-table-row').first()).toContainText(stats.rows[0].name);
    // a 所在区县 column, where there is one, is not a column of dashes (owners' rows come without a district)
    const heads = await table.locator('thead th').allInnerTexts();
    const districtCol = heads.findIndex((h) => h.trim() === '所在区县');
    if (districtCol >= 0) {
      const cells = await table.locator(`tbody tr.ant-table-row td:nth-child(${districtCol + 1})`).allInnerTexts();
      expect(
        cells.some((c) => c.trim() !== '—'),
        `${g.label}: the 所在区县 column has districts`,
      ).toBe(true);
    }
    await expect(page.getByTestId('stats-totals')).toContainText(`仪器数：${stats.totals.instruments}`);
    await expect(page.getByTestId('stats-chart')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('stats-chart').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('district-map')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('district-map').locator('canvas')).toBeVisible();
    await expect(page.getByTestId('stats-xlsx')).toHaveAttribute('href', new RegExp(`instrument-stats\\.xlsx\\?groupBy=${g.groupBy}&from=`));
    if (stats.rows.length > 20) {
      // the pager of a wide table is seen without scrolling the table sideways
      await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight));
      const pager = page.getByRole('region', { name: g.title }).locator('.ant-pagination');
      for (const part of ['.ant-pagination-prev', '.ant-pagination-item-1', '.ant-pagination-next'])
        await expect(pager.locator(part)).toBeInViewport({ ratio: 1 });
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    await expect(page.getByTestId('stats-chart')).toHaveAttribute('data-drawn', 'true'); // the bars have finished growing
    await shot(page, `inst-manage-stats-${g.groupBy}`);
  }

  // export the district view
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('stats-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = test.info().outputPath('instrument-stats.xlsx');
  await download.saveAs(file);
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
  const sheet = wb.Sheets[wb.SheetNames[0]];
  const rows = XLSX.utils.sheet_to_json<(string | number | null)[]>(sheet, { header: 1, blankrows: false, defval: null });
  const headerAt = rows.findIndex((r) => r.includes('仪器台套数'));
  expect(headerAt, 'a header row with 仪器台套数').toBeGreaterThanOrEqual(0);
  expect(rows[headerAt]).toEqual([
    '区县',
    '仪器台套数',
    '开放机时（小时）',
    '预约机时（小时）',
    '有效工作机时（小时）',
    '对外服务机时（小时）',
    '使用率',
    '共享率',
    '外单位用户数',
    '服务收入（元）',
    '台均年有效工作机时',
    '台均年对外服务机时',
  ]);
  const totalAt = rows.findIndex((r) => r[0] === '合计');
  expect(totalAt, 'a 合计 row').toBeGreaterThan(headerAt);
  expect(rows[totalAt][1]).toBe(districtStats!.totals.instruments);
  const body = rows.slice(headerAt + 1, totalAt);
  expect(body.length).toBe(districtStats!.rows.length);
  expect(body.map((r) => r[0])).toEqual(districtStats!.rows.map((r) => r.name || '（未填区县）'));
  const sum = body.reduce((s, r) => s + Number(r[1]), 0);
  expect(sum, 'the district rows add up to the 合计 row').toBe(rows[totalAt][1]);
});

test('an instrument page switched to English shows English labels; only the data stays Chinese', async ({ page }) => {
  await login(page, LAB);
  const orgId = (await (await page.request.get('/api/v1/auth/me')).json()).user?.orgId as number | undefined;
  const list = await (await page.request.get(`/api/v1/instruments?${orgId ? `owner=${orgId}&` : ''}status=in_service&pageSize=50`)).json();
  // a demo instrument of demo-lab's organization (not one these tests made), open on some weekday
  let found: Instrument | undefined;
  for (const s of list.items as { id: number; name: string }[]) {
    if (s.name.includes('E2E')) continue;
    const x = (await (await page.request.get(`/api/v1/instruments/${s.id}`)).json()) as Instrument;
    if (x.openingHours.some((d) => d.length)) {
      found = x;
      break;
    }
  }
  expect(found, 'a demo instrument of demo-lab').toBeTruthy();
  const ins = found!;
  expect(ins.canManage).toBe(true);

  await page.goto(`/instruments/${ins.id}`);
  await expect(page.getByRole('heading', { name: '开放日历' })).toBeVisible();
  await page.locator('.kft-header').getByText('English', { exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await page.evaluate(() => localStorage.getItem('kft.lang'))).toBe('en');

  // the key labels
  for (const h of ['Opening calendar', 'Book this instrument', 'Details', 'Prices and booking rules'])
    await expect(page.getByRole('heading', { name: h, exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Manage instrument/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit instrument' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Exceptions' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add exception' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Instruments', exact: true })).toBeVisible();
  await expect(page.getByTestId('week-label')).toContainText('Click a free (green) cell');
  await expect(page.getByTestId('opening-hours')).toContainText('Mon');
  await expect(page.getByText('Organization member', { exact: true })).toBeVisible();

  // pick free time next week: the live quote and its labels are English too
  await page.getByRole('button', { name: 'Next week' }).click();
  await page.getByTestId('cal-free').first().click();
  await expect(page.getByTestId('quote-estimate')).toHaveText(/¥/);
  await expect(page.getByTestId('quote-result')).toContainText('Estimated cost');
  await expect(page.getByTestId('quote-result')).toContainText('internal rate');
  await expect(page.getByTestId('bf-purpose')).toHaveAttribute('placeholder', /^e\.g\./);
  await page.getByTestId('bf-purpose').fill('x');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByText('Please describe the purpose (2 characters or more)')).toBeVisible();

  // No Chinese left in what the page says or labels, once the data is taken out: the instrument's own fields,
  // the owner's and the user's names, the district name (reference data has no English names), and the
  // language switch's "中文".
  const ref = await (await page.request.get('/api/v1/reference')).json();
  const district = (ref.divisions as { code: string; name: string }[]).find((d) => d.code === ins.districtCode)?.name;
  const me = await page.getByTestId('current-user').innerText();
  const data = [
    ins.name,
    ins.model,
    ins.manufacturer,
    ins.ownerName,
    ins.address,
    ins.room,
    ins.specifications,
    ins.capabilities,
    ins.sampleRequirements,
    ins.contactName,
    ins.contactPhone,
    district,
    me,
    '中文',
  ]
    .filter((s): s is string => !!s)
    .sort((a, b) => b.length - a.length);
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });
  const stray: string[] = [];
  for (let text of texts) {
    for (const d of data) text = text.split(d).join(' ');
    for (const m of text.matchAll(/[\p{Script=Han}（）：；，。、]+/gu))
      stray.push(text.slice(Math.max(0, m.index - 25), m.index + m[0].length + 25).replace(/\s+/g, ' '));
  }
  await shot(page, 'inst-manage-english');
  expect([...new Set(stray)], 'Chinese UI text left on the English page').toEqual([]);
});
