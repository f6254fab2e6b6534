/** The catalogue's side panel: class and district facets (with counts), kind / sharing mode / price filters */
import { useEffect, useState } from 'react';
import { Button, Card, Checkbox, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { INSTRUMENT_KINDS, SHARING_MODES, type InstrumentList } from '../api';
import { useNames } from '../../../shell/context';
import { useClasses } from '../shared';
import type { CatalogueFilters as Filters, UpdateParams } from '../catalogueQuery';

export default function CatalogueFilters({
  f,
  facets,
  hasFilters,
  update,
  onClear,
}: {
  f: Filters;
  facets: InstrumentList['facets'] | undefined;
  hasFilters: boolean;
  update: UpdateParams;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const cls = useClasses();
  const [priceIn, setPriceIn] = useState<[number | null, number | null]>([f.priceMin, f.priceMax]);
  useEffect(() => setPriceIn([f.priceMin, f.priceMax]), [f.priceMin, f.priceMax]);
  const classCounts = new Map(facets?.class.map((x) => [x.code, x.count]) ?? []);
  const districtCounts = new Map(facets?.district.map((x) => [x.code, x.count]) ?? []);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <h2 className="kft-card-title" id="facet-class">
            {t('inst.class')}
          </h2>
        }
      >
        <fieldset className="kft-fieldset kft-facet" aria-labelledby="facet-class" data-testid="class-facet">
          <Checkbox.Group
            value={f.classes}
            onChange={(v) => update({ class: v as string[] })}
            options={cls.classes.map((c) => ({ value: c.code, label: `${cls.name(c.code)} (${classCounts.get(c.code) ?? 0})` }))}
          />
        </fieldset>
      </Card>
      <Card
        size="small"
        title={
          <h2 className="kft-card-title" id="facet-idist">
            {t('common.districts')}
          </h2>
        }
      >
        <fieldset className="kft-fieldset kft-facet" aria-labelledby="facet-idist">
          <Checkbox.Group
            value={f.districts}
            onChange={(v) => update({ district: v as string[] })}
            options={names.currentDivisions
              .map((d) => ({ value: d.code, label: `${names.district(d.code)} (${districtCounts.get(d.code) ?? 0})`, count: districtCounts.get(d.code) ?? 0 }))
              .filter((d) => d.count > 0 || f.districts.includes(d.value))
              .sort((a, b) => b.count - a.count)
              .map(({ value, label }) => ({ value, label }))}
          />
        </fieldset>
      </Card>
      <Card size="small" title={<h2 className="kft-card-title">{t('common.filters')}</h2>}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            aria-label={t('inst.kind')}
            style={{ width: '100%' }}
            value={f.kind}
            onChange={(v) => update({ kind: v })}
            options={[{ value: '', label: t('inst.anyKind') }, ...INSTRUMENT_KINDS.map((k) => ({ value: k, label: t(`inst.kinds.${k}`) }))]}
          />
          <Select
            aria-label={t('inst.sharingMode')}
            style={{ width: '100%' }}
            value={f.mode}
            onChange={(v) => update({ sharingMode: v })}
            options={[{ value: '', label: t('inst.anyMode') }, ...SHARING_MODES.map((k) => ({ value: k, label: t(`inst.modes.${k}`) }))]}
          />
          <fieldset className="kft-fieldset">
            <legend className="kft-meta">{t('inst.priceRange')}</legend>
            <Space.Compact style={{ width: '100%' }}>
              <InputNumber
                aria-label={t('inst.priceMin')}
                placeholder={t('inst.priceMin')}
                min={0}
                precision={2}
                value={priceIn[0]}
                onChange={(v) => setPriceIn([v, priceIn[1]])}
                style={{ width: '50%' }}
              />
              <InputNumber
                aria-label={t('inst.priceMax')}
                placeholder={t('inst.priceMax')}
                min={0}
                precision={2}
                value={priceIn[1]}
                onChange={(v) => setPriceIn([priceIn[0], v])}
                style={{ width: '50%' }}
              />
            </Space.Compact>
            <Button size="small" style={{ marginTop: 6 }} onClick={() => update({ priceMin: priceIn[0], priceMax: priceIn[1] })}>
              {t('inst.applyPrice')}
            </Button>
          </fieldset>
          {hasFilters && (
            <Button block onClick={onClear}>
              {t('common.clearFilters')}
            </Button>
          )}
        </Space>
      </Card>
    </Space>
  );
}
