/** The statistics page's period (from, to, presets) and grouping (instrument, owner, district) and the chosen district */
import { useEffect, useId, useState } from 'react';
import { Button, Card, Input, Segmented, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { GROUP_BYS, type GroupBy } from '../api';
import { useNames } from '../../../shell/context';
import type { Period, presets } from '../statsPeriod';

export default function StatsPeriodCard({
  from,
  to,
  p,
  groupBy,
  district,
  update,
}: {
  from: string;
  to: string;
  p: ReturnType<typeof presets>;
  groupBy: GroupBy;
  district: string;
  update: (patch: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const id = useId();
  const [range, setRange] = useState<Period>({ from, to });
  useEffect(() => setRange({ from, to }), [from, to]);

  return (
    <Card size="small" style={{ margin: '12px 0' }}>
      <form
        className="kft-window"
        aria-label={t('stats.period')}
        onSubmit={(e) => {
          e.preventDefault();
          update(range);
        }}
      >
        <label className="kft-field" htmlFor={`${id}-from`}>
          <span>{t('stats.from')}</span>
          <Input id={`${id}-from`} type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </label>
        <label className="kft-field" htmlFor={`${id}-to`}>
          <span>{t('stats.to')}</span>
          <Input id={`${id}-to`} type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </label>
        <Space wrap className="kft-field-actions">
          <Button type="primary" htmlType="submit">
            {t('stats.apply')}
          </Button>
          {(['thisYear', 'lastYear', 'last12'] as const).map((k) => (
            <Button key={k} onClick={() => update(p[k])}>
              {t(`stats.presets.${k}`)}
            </Button>
          ))}
        </Space>
      </form>
      <Space wrap style={{ marginTop: 10 }}>
        <Segmented
          aria-label={t('stats.groupBy')}
          value={groupBy}
          onChange={(v) => update({ groupBy: String(v) })}
          data-testid="group-by"
          options={GROUP_BYS.map((g) => ({ value: g, label: t(`stats.groupByOptions.${g}`) }))}
        />
        {district && (
          <Tag closable onClose={() => update({ district: '' })}>
            {names.district(district)}
          </Tag>
        )}
      </Space>
    </Card>
  );
}
