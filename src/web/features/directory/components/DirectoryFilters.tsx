/** The directory's side panel: category and district facets (with counts), kind / recognition / cluster filters */
import type { RefObject } from 'react';
import { Button, Card, Checkbox, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgList } from '../api';
import { useNames } from '../../../shell/context';
import type { DirectoryFilters as Filters, UpdateParams } from '../directoryQuery';

export default function DirectoryFilters({
  f,
  facets,
  hasFilters,
  update,
  onClear,
  districtBox,
}: {
  f: Filters;
  facets: OrgList['facets'] | undefined;
  hasFilters: boolean;
  update: UpdateParams;
  onClear: () => void;
  /** the district list's scrolling box, where a district chosen on the map is scrolled into view */
  districtBox: RefObject<HTMLFieldSetElement | null>;
}) {
  const { t } = useTranslation();
  const names = useNames();
  const categoryCounts = new Map(facets?.category.map((x) => [x.code, x.count]) ?? []);
  const districtCounts = new Map(facets?.district.map((x) => [x.code, x.count]) ?? []);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <h2 className="ant-typography" style={{ fontSize: 15, margin: 0 }} id="facet-cat">
            {t('dir.categories')}
          </h2>
        }
      >
        <fieldset className="kft-fieldset kft-facet" aria-labelledby="facet-cat">
          <Checkbox.Group
            value={f.category}
            onChange={(v) => update({ category: v as string[] })}
            options={(names.ref?.categories ?? []).map((c) => ({ value: c.code, label: `${names.category(c.code)} (${categoryCounts.get(c.code) ?? 0})` }))}
          />
        </fieldset>
      </Card>
      <Card
        size="small"
        title={
          <h2 style={{ fontSize: 15, margin: 0 }} id="facet-dist">
            {t('common.districts')}
          </h2>
        }
      >
        <fieldset className="kft-fieldset kft-facet" aria-labelledby="facet-dist" data-testid="district-facet" ref={districtBox}>
          <Checkbox.Group
            value={f.district}
            onChange={(v) => update({ district: v as string[] })}
            options={names.currentDivisions
              .map((d) => ({ value: d.code, label: `${names.district(d.code)} (${districtCounts.get(d.code) ?? 0})`, count: districtCounts.get(d.code) ?? 0 }))
              .sort((a, b) => b.count - a.count)
              .map(({ value, label }) => ({ value, label }))}
          />
        </fieldset>
      </Card>
      <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t('common.filters')}</h2>}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            aria-label={t('dir.kind')}
            style={{ width: '100%' }}
            value={f.kind}
            onChange={(v) => update({ kind: v })}
            options={[{ value: '', label: t('dir.anyKind') }, ...(names.ref?.orgKinds ?? []).map((k) => ({ value: k, label: names.kind(k) }))]}
          />
          <Select
            aria-label={t('dir.recognition')}
            style={{ width: '100%' }}
            value={f.recognition}
            onChange={(v) => update({ recognition: v })}
            options={[
              { value: '', label: t('dir.anyRecognition') },
              ...(names.ref?.recognitionKinds ?? []).map((k) => ({ value: k, label: names.recognition(k) })),
            ]}
          />
          <Select
            aria-label={t('dir.cluster')}
            style={{ width: '100%' }}
            value={f.cluster}
            onChange={(v) => update({ cluster: v })}
            options={[{ value: '', label: t('dir.anyCluster') }, ...(names.ref?.clusters ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          />
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
