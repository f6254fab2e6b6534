/** Small pieces several instrument pages share: class names, status tags, unit labels, icons, the sign-in prompt. */
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Result, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type BookingStatus, type InstrumentClass, type PriceUnit } from '../../api';
import { yuan } from './time';

let classesPromise: Promise<InstrumentClass[]> | null = null;
function loadClasses() {
  classesPromise ??= api<{ items: InstrumentClass[] }>('/api/v1/instrument-classes')
    .then((r) => r.items)
    .catch((e) => { classesPromise = null; throw e; });
  return classesPromise;
}

/** The instrument classes with names in the current language (`name(code, fallback)`: the fallback, e.g. the API's
 * Chinese className, until the classes have loaded). */
export function useClasses() {
  const { i18n } = useTranslation();
  const [classes, setClasses] = useState<InstrumentClass[]>([]);
  useEffect(() => { loadClasses().then(setClasses).catch(() => setClasses([])); }, []);
  const en = i18n.language.startsWith('en');
  return useMemo(() => {
    const byCode = new Map(classes.map((c) => [c.code, en ? c.nameEn : c.nameZh]));
    return { classes: [...classes].sort((a, b) => a.sortOrder - b.sortOrder), name: (code: string, fallback?: string | null) => byCode.get(code) ?? fallback ?? code, en };
  }, [classes, en]);
}

const STATUS_COLORS: Record<BookingStatus, string> = {
  pending: 'gold', confirmed: 'green', in_use: 'blue', completed: 'cyan', declined: 'red', cancelled: 'default', expired: 'default', no_show: 'volcano',
};
export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="booking-status" data-status={status}>{t(`bk.status.${status}`, { defaultValue: status })}</Tag>;
}

/** "¥120.00/小时" */
export function usePrice() {
  const { t } = useTranslation();
  return (fen: number | null | undefined, unit: PriceUnit) => `${yuan(fen)}/${t(`inst.unit.${unit}`)}`;
}

/** Units priced per sample, core or GPU need a quantity; per-hour prices do not. */
export const needsQuantity = (unit: PriceUnit) => unit !== 'hour';

export function SignInPrompt() {
  const { t } = useTranslation();
  const loc = useLocation();
  return (
    <Result status="info" title={<h1 className="kft-result-title">{t('inst.signInTitle')}</h1>} subTitle={t('inst.signInHint')} data-testid="sign-in-prompt"
      extra={<Link to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} className="kft-signin-link">{t('nav.login')}</Link>} />
  );
}

/** One message as text, several as a list (a one-item bullet list inside an alert reads oddly). */
export function Messages({ items }: { items: { message: string }[] }) {
  if (items.length === 1) return <>{items[0].message}</>;
  return <ul className="kft-list">{items.map((p, i) => <li key={i}>{p.message}</li>)}</ul>;
}

/** Inline icons (the project does not depend on an icon package). */
export function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="currentColor">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
    </svg>
  );
}
export function CartIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" fill="currentColor">
      <path d="M7 18a2 2 0 1 0 0 4 2 2 0 0 0 0-4Zm10 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4ZM7.2 14h9.9a2 2 0 0 0 1.8-1.1L22 6H5.2l-.9-2H1v2h2l3.6 7.6L5.2 16A2 2 0 0 0 7 19h12v-2H7.4l.9-1.6-.1-.4Z" />
    </svg>
  );
}
