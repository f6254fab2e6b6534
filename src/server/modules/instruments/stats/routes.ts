import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../../auth/index.ts';
import { attachment, xlsxStream } from '../../../platform/export/spreadsheet.ts';
import type { InstrumentStatsService } from './service.ts';
import { StatsQuery } from '../schemas.ts';

const tags = ['instruments'];
const GROUP_LABEL = { instrument: '仪器', owner: '所属单位', district: '区县' } as const;

export async function statsRoutes(app: FastifyInstance, opts: { stats: InstrumentStatsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/instrument-stats',
    {
      schema: {
        tags,
        summary: '共享指标 Sharing indicators per instrument, owner or district',
        description: 'Computed from bookings and recorded usage. Organization members see their own organization’s instruments. `rows` holds the first `limit` groups by work hours; `totals` covers all.',
        querystring: StatsQuery,
      },
    },
    async (req) => opts.stats.stats(req.query, requireUser(req)),
  );

  r.get('/api/v1/instrument-stats.xlsx', { schema: { tags, summary: '导出共享指标 Export the indicators as .xlsx', querystring: StatsQuery } }, async (req, reply) => {
    const s = await opts.stats.stats(req.query, requireUser(req), true);
    const day = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const lastDay = new Date(s.to.getTime() - 1); // `to` is exclusive
    const columns = [
      { header: GROUP_LABEL[s.groupBy], width: 36 },
      { header: '仪器台套数', width: 10 },
      { header: '开放机时（小时）', width: 14 },
      { header: '预约机时（小时）', width: 14 },
      { header: '有效工作机时（小时）', width: 16 },
      { header: '对外服务机时（小时）', width: 16 },
      { header: '使用率', width: 10 },
      { header: '共享率', width: 10 },
      { header: '外单位用户数', width: 12 },
      { header: '服务收入（元）', width: 14 },
      { header: '台均年有效工作机时', width: 16 },
      { header: '台均年对外服务机时', width: 16 },
    ];
    const pct = (v: number | null) => (v == null ? null : Math.round(v * 10000) / 100);
    const cells = (name: string, x: (typeof s.rows)[number] | typeof s.totals) => [
      name, x.instruments, x.openingHours, x.bookedHours, x.workHours, x.externalHours, pct(x.utilisation), pct(x.sharingRate), x.outsideOrgs, x.incomeFen / 100,
      x.workHoursPerInstrumentYear, x.externalHoursPerInstrumentYear,
    ];
    async function* rows() {
      yield s.rows.map((x) => cells(x.name || '（未填区县）', x));
      yield [cells('合计', s.totals), ['全国平均（2025 年，台均年）', null, null, null, null, null, null, null, null, null, s.national.workHoursPerYear, s.national.externalHoursPerYear]];
    }
    const name = `仪器共享指标-${day(s.from)}至${day(lastDay)}.xlsx`;
    reply.header('content-disposition', attachment(name, `instrument-stats-${day(s.from)}.xlsx`));
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(
      xlsxStream('共享指标', columns, rows(), { title: `大型科研仪器共享指标（${day(s.from)} 至 ${day(lastDay)}）`, note: '使用率 = 有效工作机时 ÷ 开放机时（%）；共享率 = 对外服务机时 ÷ 有效工作机时（%）；数据来自平台预约与上机记录。' }),
    );
  });
}
