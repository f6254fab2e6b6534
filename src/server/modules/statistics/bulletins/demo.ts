/**
 * The demo's one published bulletin, so a first start shows the front page's 最新统计公报 and the public list with
 * something in them: the city's figures for the current year as the platform has counted them, published by the
 * demo city admin through the same service an office uses (numbered, frozen, PDF and xlsx rendered). Once only:
 * a platform with any published bulletin gets none.
 */
import type { CurrentUser } from '../../auth/index.ts';
import type { StatisticsService } from '../service.ts';
import type { BulletinService } from './service.ts';

export async function seedDemoBulletin(bulletins: BulletinService, statistics: StatisticsService, admin: CurrentUser | null): Promise<string | null> {
  if (!admin || (await bulletins.latest())) return null;
  const city = await statistics.list({ scope: 'chongqing' });
  // the city's figures the platform computes from its own records (the surveyed ones have no filings in the demo)
  const cited = city.filter((i) => i.latest && i.method === 'computed').slice(0, 12);
  if (!cited.length) return null;
  const year = new Date().getFullYear();
  const draft = await bulletins.create(
    {
      scope: 'chongqing',
      period: String(year),
      title: `${year}年重庆市科技服务业统计信息（平台计算，演示）`,
      lead: `本期公报列出平台根据名录库、共享仪器、技术市场与技术合同登记等记录计算的全市科技服务业主要指标，以及对照 2025 年发展目标的进度。数据为演示数据。`,
      sections: [
        {
          heading: '计算口径',
          body: '市场主体按名录库中在营的科技服务机构计数；技术合同成交额按已登记合同的合同成交额合计；各项指标均按发布时的最新值冻结，此后指标变动不改变已发布的公报。',
        },
      ],
      indicatorIds: cited.map((i) => i.id),
    },
    admin,
  );
  const published = await bulletins.publish(draft.id, { version: draft.draft?.version ?? 1 }, admin);
  return published.number ?? null;
}
