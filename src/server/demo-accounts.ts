/** The demo accounts: the login page offers them, bootstrap creates them (demo mode only). */
export const DEMO_PASSWORD = 'demo-kefutong';
export const DEMO_USERS = [
  { username: 'demo-admin', role: 'admin' as const, displayName: '市科技局（演示）' },
  { username: 'demo-district', role: 'district_admin' as const, displayName: '渝中区科技局（演示）', districtCode: '500103' },
  { username: 'demo-member', role: 'org_member' as const, displayName: '机构用户（演示）' },
  { username: 'demo-station', role: 'station_staff' as const, displayName: '技术合同登记站（演示）' },
];

/** Every demo account, in the order the README and the login page list them. */
export const DEMO_ACCOUNTS = ['demo-admin', 'demo-district', 'demo-member', 'demo-lab', 'demo-lab2', 'demo-expert', 'demo-station'] as const;
