/** Organizations and schemes for the voucher tests. */
import { orgInput, type TestApp } from './app.ts';
import { orgWithMember } from './market.ts';

const SYSTEM = { id: 0, username: 'system', displayName: 'system', role: 'admin' as const, orgId: null, districtCode: null };

/** A 科技型中小企业 with a recognition valid well past today, and a member. */
export const techSme = (t: TestApp, username: string, over: Record<string, unknown> = {}) =>
  orgWithMember(t, username, {
    name: `重庆${username}科技有限公司`,
    kinds: ['enterprise'],
    categories: [],
    employees: 40,
    recognitions: [{ kind: 'tech_sme', validFrom: '2025-01-01', validTo: '2099-12-31', certificateNo: `2025500103A${username.length}` }],
    ...over,
  });

/** An organization without any recognition (not eligible under the defaults). */
export const plainOrg = (t: TestApp, name: string, over: Record<string, unknown> = {}) =>
  t.services.directory.create(orgInput({ name, kinds: ['enterprise'], categories: [], ...over }) as never, SYSTEM);

export async function scheme(t: TestApp, body: Record<string, unknown>): Promise<{ id: number; [k: string]: unknown }> {
  const res = await t.request({ method: 'POST', url: '/api/v1/voucher-schemes', role: 'admin', body });
  if (res.statusCode !== 201) throw new Error(`scheme: ${res.statusCode} ${res.body}`);
  return res.json();
}
