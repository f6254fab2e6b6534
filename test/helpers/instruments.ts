/**
 * Shared-instrument test fixtures: an instrument open every day 08:00–20:00 (so tests do not depend
 * on the weekday), a second owner organization with its own member, and Shanghai-time helpers.
 */
import type { TestApp } from './app.ts';
import { orgInput, PASSWORD } from './app.ts';

const EVERY_DAY = Array.from({ length: 7 }, () => [['08:00', '20:00']]);

/** yyyy-mm-dd of today + days in Asia/Shanghai. */
export function shanghaiDate(days = 0): string {
  return new Date(Date.now() + days * 86400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/** An ISO instant at hh:mm Shanghai time, `days` from today. */
export function at(days: number, hhmm: string): string {
  return `${shanghaiDate(days)}T${hhmm}:00+08:00`;
}

export function instrumentInput(over: Record<string, unknown> = {}) {
  return {
    name: '场发射扫描电子显微镜',
    model: 'SU8020',
    manufacturer: '日立',
    classCode: 'analytical',
    kind: 'instrument',
    originalValueFen: 350_000_000,
    purchaseDate: '2019-05-20',
    address: '重庆市沙坪坝区大学城南路55号',
    room: '材料楼 305',
    specifications: '分辨率 1.0 nm（15 kV）',
    capabilities: '微观形貌观察、能谱元素分析',
    sampleRequirements: '固体样品，尺寸不超过 10 mm',
    sharingMode: 'open',
    priceUnit: 'hour',
    priceInternalFen: 20_000,
    priceExternalFen: 40_000,
    openingHours: EVERY_DAY,
    minBookingMinutes: 30,
    maxBookingMinutes: 240,
    noticeHours: 0,
    maxAdvanceDays: 60,
    cancelNoticeHours: 24,
    needsApproval: true,
    needsTraining: false,
    contactName: '李老师',
    contactPhone: '023-65100001',
    ...over,
  };
}

/** Creates an instrument as the city admin for the given owner; returns its id. */
export async function createInstrument(t: TestApp, ownerOrgId: number, over: Record<string, unknown> = {}): Promise<number> {
  const res = await t.request({ method: 'POST', url: '/api/v1/instruments', role: 'admin', body: instrumentInput({ ownerOrgId, ...over }) });
  if (res.statusCode !== 201) throw new Error(`create instrument: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** A second organization with an instrument-owner member; returns its id and the member's cookie. */
export async function ownerOrg(t: TestApp, username: string, name = '重庆大学分析测试中心'): Promise<{ orgId: number; cookie: string; userId: number }> {
  const org = await t.services.directory.create(orgInput({ name, kinds: ['university'] }) as never, {
    id: 0,
    username: 'system',
    displayName: 'system',
    role: 'admin',
    orgId: null,
    districtCode: null,
  });
  const user = await t.services.auth.createUser({
    username,
    password: PASSWORD,
    role: 'org_member',
    displayName: `${name}管理员`,
    orgId: org.id,
    email: `${username}@example.cn`,
  });
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  const c = res.cookies.find((x) => x.name === 'kft_session')!;
  return { orgId: org.id, cookie: `${c.name}=${c.value}`, userId: user.id };
}

export function item(instrumentId: number, start: string, end: string, purpose = '材料表征测试', quantity?: number) {
  return { instrumentId, start, end, purpose, ...(quantity ? { quantity } : {}) };
}
