/** The statistics page's table: one row per instrument, owner or district, per-instrument-year figures set against the national averages */
import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GroupBy, Stats, StatsRow } from '../api';
import { useNames } from '../../../shell/context';
import { num, yuan } from '../../../lib/time';
import { pct } from '../statsPeriod';

function Versus({ value, national }: { value: number; national: number }) {
  const { t } = useTranslation();
  const above = value >= national;
  return (
    <span className="kft-versus">
      {num(value, 0)}
      <Tag color={above ? 'green' : 'orange'} className="kft-versus-tag">
        {above ? '≥' : '<'} {t('stats.national')}
      </Tag>
    </span>
  );
}

export default function StatsTable({
  groupBy,
  data,
  nat,
}: {
  groupBy: GroupBy;
  data: Stats | null;
  nat: { workHoursPerYear: number; externalHoursPerYear: number };
}) {
  const { t } = useTranslation();
  const names = useNames();
  const h = (v: number) => num(v, 0);
  const columns = [
    { title: t(`stats.groupName.${groupBy}`), dataIndex: 'name', width: 200 },
    // owners' rows carry no district (an owner's instruments may stand in several): no column of dashes then
    ...(groupBy === 'instrument' || (groupBy === 'owner' && data?.rows.some((r) => r.districtCode))
      ? [{ title: t('inst.district'), dataIndex: 'districtCode', render: (c: string | null) => names.district(c), width: 90 }]
      : []),
    ...(groupBy !== 'instrument' ? [{ title: t('stats.instruments'), dataIndex: 'instruments', align: 'right' as const, width: 70 }] : []),
    { title: t('stats.openingHours'), dataIndex: 'openingHours', render: h, align: 'right' as const, width: 90 },
    { title: t('stats.bookedHours'), dataIndex: 'bookedHours', render: h, align: 'right' as const, width: 90 },
    { title: t('stats.workHours'), dataIndex: 'workHours', render: h, align: 'right' as const, width: 90 },
    { title: t('stats.externalHours'), dataIndex: 'externalHours', render: h, align: 'right' as const, width: 90 },
    { title: t('stats.utilisation'), dataIndex: 'utilisation', render: pct, align: 'right' as const, width: 80 },
    { title: t('stats.sharingRate'), dataIndex: 'sharingRate', render: pct, align: 'right' as const, width: 80 },
    { title: t('stats.outsideOrgs'), dataIndex: 'outsideOrgs', align: 'right' as const, width: 80 },
    { title: t('stats.income'), dataIndex: 'incomeFen', render: (v: number) => yuan(v), align: 'right' as const, width: 110 },
    {
      title: t('stats.workPerYear'),
      dataIndex: 'workHoursPerInstrumentYear',
      render: (v: number) => <Versus value={v} national={nat.workHoursPerYear} />,
      width: 140,
    },
    {
      title: t('stats.externalPerYear'),
      dataIndex: 'externalHoursPerInstrumentYear',
      render: (v: number) => <Versus value={v} national={nat.externalHoursPerYear} />,
      width: 140,
    },
  ];

  return (
    <Card size="small" title={<h2 className="kft-card-title">{t(`stats.tableTitle.${groupBy}`)}</h2>}>
      {/* the wrapper scrolls (and takes keyboard focus for it) rather than the table's own scroller; the pager sits at
          the start, where it is seen without scrolling the 1300 px wide table sideways */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take keyboard focus to be scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable) */}
      <section className="kft-table-wrap" tabIndex={0} aria-label={t(`stats.tableTitle.${groupBy}`)}>
        <Table<StatsRow>
          size="small"
          rowKey="key"
          dataSource={data?.rows ?? []}
          columns={columns}
          style={{ minWidth: 1300 }}
          data-testid="stats-table"
          pagination={{ pageSize: 20, showSizeChanger: false, size: 'small', hideOnSinglePage: true, placement: ['bottomStart'] }}
        />
      </section>
    </Card>
  );
}
