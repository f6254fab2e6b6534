/** Pieces the technology supply-and-demand pages share: tech fields, highlighted text, status tags, money, form errors. */
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { orgOptionsQuery } from '../directory/api';
import { techFieldsQuery, type DealStatus, type Expert, type ItemStatus, type SearchKind, type Match, type Segment, type TechField } from './api';

const NO_FIELDS: TechField[] = [];

/** Disciplines and industry fields with names in the current language. */
export function useTechFields() {
  const { i18n } = useTranslation();
  const items = useQuery(techFieldsQuery).data ?? NO_FIELDS;
  const en = i18n.language.startsWith('en');
  return useMemo(() => {
    const byCode = new Map(items.map((f) => [f.code, en ? f.nameEn : f.name]));
    const name = (code: string | null | undefined) => (code ? (byCode.get(code) ?? code) : '—');
    const opts = (kind: TechField['kind']) => items.filter((f) => f.kind === kind).map((f) => ({ value: f.code, label: en ? f.nameEn : f.name }));
    return {
      items,
      name,
      disciplines: opts('discipline'),
      industries: opts('industry'),
      all: items.map((f) => ({ value: f.code, label: en ? f.nameEn : f.name })),
    };
  }, [items, en]);
}

/** Highlighted text from the API: matched segments in <mark>, never as HTML. */
export function Highlight({ segments, fallback }: { segments?: Segment[] | null; fallback?: string | null }) {
  if (!segments?.length) return <>{fallback ?? ''}</>;
  // each piece is keyed by where it starts in the text
  let at = 0;
  return (
    <>
      {segments.map((s) => {
        const key = at;
        at += s.text.length;
        return s.hit ? (
          <mark key={key} className="kft-hit">
            {s.text}
          </mark>
        ) : (
          <span key={key}>{s.text}</span>
        );
      })}
    </>
  );
}

const STATUS_COLOURS: Record<ItemStatus | Expert['status'], string> = {
  draft: 'default',
  in_review: 'gold',
  published: 'green',
  closed: 'default',
  active: 'green',
  inactive: 'default',
};
/** A listing's status, or an expert's */
export function StatusTag({ status }: { status: ItemStatus | Expert['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status] ?? 'default'} data-testid="item-status" data-status={status}>
      {t(`mk.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

const DEAL_COLOURS: Record<DealStatus, string> = { inquiry: 'gold', negotiating: 'blue', agreed: 'green', withdrawn: 'default' };
export function DealStatusTag({ status }: { status: DealStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={DEAL_COLOURS[status] ?? 'default'} data-testid="deal-status" data-status={status}>
      {t(`mk.dealStatus.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** Money in fen as people read it: "35 万元" / "8,000 元" (zh), "¥350,000" (en). */
export function useMoney() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return useMemo(() => {
    const one = (fen: number) => {
      if (en) return `¥${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(fen / 100)}`;
      if (fen >= 1_000_000) return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(fen / 1_000_000)} 万元`;
      return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(fen / 100)} 元`;
    };
    const range = (negotiable: boolean, min: number | null | undefined, max: number | null | undefined) => {
      const hasMin = min !== null && min !== undefined;
      const hasMax = max !== null && max !== undefined;
      let s: string;
      if (hasMin && hasMax) s = min === max ? one(min!) : `${one(min!)} – ${one(max!)}`;
      else if (hasMin) s = t('mk.priceFrom', { x: one(min!) });
      else if (hasMax) s = t('mk.priceUpTo', { x: one(max!) });
      else return t('mk.negotiable');
      return negotiable ? `${s}${t('mk.negotiableSuffix')}` : s;
    };
    return { one, range };
  }, [en, t]);
}
/** 万元 in a form ↔ fen in the API. */
export const wanToFen = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1_000_000));
export const fenToWan = (v: number | null | undefined) => (v === null || v === undefined ? null : v / 1_000_000);

export function fmtDate(at: string | null | undefined, en: boolean) {
  if (!at) return '—';
  return new Intl.DateTimeFormat(en ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: en ? 'short' : 'long', day: 'numeric' }).format(
    new Date(at),
  );
}
export function fmtDateTime(at: string | null | undefined, en: boolean) {
  if (!at) return '—';
  return new Intl.DateTimeFormat(en ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: en ? 'short' : 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(at));
}

/**
 * The API's field errors shown at their fields (`fieldOf` maps an API path to a form name, or null); the rest and
 * the summary come back as one line for an alert.
 */
export function showServerErrors(
  form: FormInstance,
  e: unknown,
  fieldOf: (path: string) => (string | number)[] | string | null,
  fixText: string,
  sep: string,
): { text: string; conflict: boolean } {
  if (!(e instanceof ApiError)) return { text: String(e), conflict: false };
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmapped: string[] = [];
  for (const f of e.fields) {
    const raw = fieldOf(f.path);
    if (raw === null) {
      unmapped.push(f.path ? `${f.path}: ${f.message}` : f.message);
      continue;
    }
    const name = Array.isArray(raw) ? raw : [raw];
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(f.message);
    byField.set(key, entry);
  }
  const mapped = [...byField.values()];
  if (mapped.length) {
    form.setFields(mapped as never);
    form.scrollToField(mapped[0].name as never, { block: 'center' });
  }
  if (e.status === 409 && !mapped.length) return { text: e.message, conflict: true };
  return { text: [mapped.length ? fixText : e.message, ...unmapped].join(sep), conflict: false };
}
export function clearErrors(form: FormInstance) {
  form.setFields(
    form
      .getFieldsError()
      .filter((f) => f.errors.length)
      .map((f) => ({ name: f.name, errors: [] })) as never,
  );
}

/** An organization picker (city admins name the owner). */
export function OrgPicker({ value, onChange, id, placeholder }: { value?: number; onChange?: (v: number) => void; id?: string; placeholder?: string }) {
  const [q, setQ] = useState('');
  const { data: options = [] } = useQuery(orgOptionsQuery(q));
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={placeholder}
    />
  );
}

export function LoginLink({ children }: { children: ReactNode }) {
  const loc = useLocation();
  return <Link to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`}>{children}</Link>;
}

/** Where a result of each kind lives. */
export function hrefOf(kind: SearchKind | Match['kind'], id: number) {
  switch (kind) {
    case 'achievement':
      return `/achievements/${id}`;
    case 'demand':
      return `/demands/${id}`;
    case 'expert':
      return `/experts/${id}`;
    case 'org':
    case 'provider':
    case 'enterprise':
      return `/orgs/${id}`;
    case 'instrument':
      return `/instruments/${id}`;
  }
}
