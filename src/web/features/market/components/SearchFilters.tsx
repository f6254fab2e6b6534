/** The search page's filters: which each listed kind has, their names and choices, the panel with facet counts. */
import { useCallback } from 'react';
import { Button, Card, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../../shell/context';
import type { FacetCount, SearchKind } from '../api';
import { useTechFields } from '../shared';
import { COOPERATION_MODES, GRADES, MATURITIES, TRANSFER_MODES } from '../vocabulary';

/** Filters of each listed kind: URL key = API key. */
export const FILTERS: Partial<Record<SearchKind, string[]>> = {
  achievement: ['discipline', 'industry', 'maturity', 'transferMode'],
  demand: ['industry', 'discipline', 'district', 'cooperationMode'],
  expert: ['field', 'techManagerGrade', 'commissioner', 'consulting'],
};
export const ALL_FILTERS = [...new Set(Object.values(FILTERS).flat())];

/** A filter value's name: `label('maturity', 'pilot')` → 中试阶段. */
export function useFilterLabel() {
  const { t } = useTranslation();
  const names = useNames();
  const fields = useTechFields();
  return useCallback(
    (key: string, code: string): string => {
      switch (key) {
        case 'discipline':
        case 'industry':
        case 'field':
          return fields.name(code);
        case 'maturity':
          return t(`mk.maturity.${code}`, { defaultValue: code });
        case 'transferMode':
        case 'cooperationMode':
          return t(`mk.mode.${code}`, { defaultValue: code });
        case 'district':
          return names.district(code);
        case 'techManagerGrade':
          return t(`mk.grade.${code}`, { defaultValue: code });
        default:
          return code;
      }
    },
    [fields, names, t],
  );
}

interface Props {
  kind: SearchKind;
  filters: Record<string, string>;
  facets: Record<string, FacetCount[]>;
  update: (patch: Record<string, string | number | undefined>) => void;
}

export default function SearchFilters({ kind, filters, facets, update }: Props) {
  const { t } = useTranslation();
  const names = useNames();
  const fields = useTechFields();
  const label = useFilterLabel();
  const choices = (key: string): readonly string[] => {
    switch (key) {
      case 'discipline':
        return fields.disciplines.map((o) => o.value);
      case 'industry':
        return fields.industries.map((o) => o.value);
      case 'field':
        return fields.all.map((o) => o.value);
      case 'maturity':
        return MATURITIES;
      case 'transferMode':
        return TRANSFER_MODES;
      case 'cooperationMode':
        return COOPERATION_MODES;
      case 'district':
        return names.currentDivisions.map((d) => d.code);
      case 'techManagerGrade':
        return GRADES;
      default:
        return [];
    }
  };
  const keys = FILTERS[kind] ?? [];
  return (
    <Card size="small" title={<h2 className="kft-card-title">{t('mk.search.filters')}</h2>} data-testid="market-filters">
      <Space orientation="vertical" style={{ width: '100%' }} size={10}>
        {keys.map((key) => {
          if (key === 'commissioner' || key === 'consulting') {
            return (
              <Select
                key={key}
                aria-label={t(`mk.filter.${key}`)}
                style={{ width: '100%' }}
                value={filters[key]}
                onChange={(v) => update({ [key]: v })}
                options={[
                  { value: '', label: t(`mk.filter.${key}Any`) },
                  { value: 'true', label: t(`mk.filter.${key}Yes`) },
                ]}
              />
            );
          }
          const counts = new Map((facets[key] ?? []).map((f) => [f.code, f.count]));
          const codes = counts.size ? [...new Set([...counts.keys(), ...choices(key)])] : choices(key);
          const opts = codes.map((c) => ({ value: c, label: counts.size ? `${label(key, c)} (${counts.get(c) ?? 0})` : label(key, c), n: counts.get(c) ?? 0 }));
          if (counts.size && key !== 'maturity') opts.sort((a, b) => b.n - a.n);
          return (
            <div key={key} className="kft-field">
              <span id={`f-${key}`}>{t(`mk.filter.${key}`)}</span>
              <Select
                aria-labelledby={`f-${key}`}
                data-testid={`filter-${key}`}
                style={{ width: '100%' }}
                value={filters[key]}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(v) => update({ [key]: v })}
                options={[{ value: '', label: t('mk.filter.any') }, ...opts.map(({ value, label }) => ({ value, label }))]}
              />
            </div>
          );
        })}
        {keys.some((k) => filters[k]) && (
          <Button block onClick={() => update(Object.fromEntries(ALL_FILTERS.map((k) => [k, undefined])))}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
