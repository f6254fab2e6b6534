/** Pieces the voucher pages share: status tags, the ✓/✗ checks, the ledger bar, the organization picker. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgOptionsQuery } from '../directory/api';
import { useDebounced } from '../../lib/debounce';
import { yuan } from '../../lib/time';
import type { Ledger } from './api';

const COLORS: Record<string, string> = {
  active: 'green',
  open: 'green',
  approved: 'green',
  paid: 'green',
  in_notice: 'blue',
  notice_ended: 'geekblue',
  batched: 'cyan',
  submitted: 'gold',
  returned: 'orange',
  expired: 'default',
  closed: 'default',
  cancelled: 'default',
  rejected: 'red',
};

export function StatusTag({ kind, status }: { kind: 'voucher' | 'application' | 'claim' | 'scheme' | 'batch'; status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-status={status}>
      {t(`vc.status.${kind}.${status}`)}
    </Tag>
  );
}

/** A claim's tag: one in notice whose period ended reads 公示期满, not 公示中. */
export const claimTagStatus = (c: { status: string; noticeState: 'open' | 'ended' | null }) =>
  c.status === 'in_notice' && c.noticeState === 'ended' ? 'notice_ended' : c.status;

/** The checks of an eligibility, one per line: ✓ met, ✗ not, in words. */
export function CheckList({ checks }: { checks: { text: string; met: boolean }[] }) {
  return (
    <ul className="vc-checks" data-testid="voucher-checks">
      {checks.map((c) => (
        <li key={c.text} data-met={c.met} className={c.met ? 'vc-met' : 'vc-unmet'}>
          <span aria-hidden="true">{c.met ? '✓' : '✗'}</span> {c.text}
        </li>
      ))}
    </ul>
  );
}

export const LEDGER_PARTS = ['paid', 'redeemed', 'reserved', 'allocated', 'available'] as const;
const LEDGER_COLORS: Record<(typeof LEDGER_PARTS)[number], string> = {
  paid: '#237804',
  redeemed: '#52c41a',
  reserved: '#fa8c16',
  allocated: '#0b5cad',
  available: '#d9d9d9',
};

/** The budget as one stacked bar: paid, redeemed, reserved, allocated, available; each part's amount below it. */
export function LedgerBar({ ledger }: { ledger: Ledger }) {
  const { t } = useTranslation();
  const amount = (p: (typeof LEDGER_PARTS)[number]) => ledger[`${p}Fen`];
  const total = Math.max(ledger.budgetFen, 1);
  return (
    <figure className="vc-ledger" data-testid="ledger">
      <figcaption className="kft-meta">
        {t('vc.ledger.title')} · {t('vc.ledger.budget', { x: yuan(ledger.budgetFen) })}
      </figcaption>
      <div className="vc-ledger-bar" role="img" aria-label={LEDGER_PARTS.map((p) => `${t(`vc.ledger.${p}`)} ${yuan(amount(p))}`).join('，')}>
        {LEDGER_PARTS.map((p) =>
          amount(p) > 0 ? <span key={p} style={{ width: `${(amount(p) / total) * 100}%`, background: LEDGER_COLORS[p] }} title={t(`vc.ledger.${p}`)} /> : null,
        )}
      </div>
      <ul className="vc-ledger-legend">
        {LEDGER_PARTS.map((p) => (
          <li key={p} data-part={p}>
            <i style={{ background: LEDGER_COLORS[p] }} />
            {t(`vc.ledger.${p}`)} {yuan(amount(p))}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** An organization picked by searching the directory (/api/v1/orgs). */
export function OrgPicker({ value, onChange, id, exclude }: { value?: number; onChange?: (v: number) => void; id?: string; exclude?: number }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const asked = useDebounced(q, 250);
  const { data: options = [] } = useQuery(orgOptionsQuery(asked));
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      options={options.filter((o) => o.value !== exclude)}
      placeholder={t('vc.admin.orgSearch')}
      style={{ width: '100%' }}
    />
  );
}
