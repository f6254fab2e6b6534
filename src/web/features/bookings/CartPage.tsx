/**
 * /cart — the booking cart: every item quoted together (price and any rule problems shown at the item), the total,
 * and "submit", which books all items or none. A refused submission keeps the cart and shows each item's reasons
 * (`items.N.field`) next to it; a successful one empties the cart and goes to /bookings.
 */
import { useId, useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Input, InputNumber, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../api/client';
import { useDebounced } from '../../lib/debounce';
import { bookingKeys, quoteQuery, submitBookings, type BookingItems } from './api';
import { useAuth, useTitle } from '../../shell/context';
import { cart, useCart, type CartEntry } from './cart';
import { needsQuantity, usePrice } from '../instruments/shared';
import { Messages } from './shared';
import { fmtSpan, num, yuan } from '../../lib/time';

const payload = (items: CartEntry[]): BookingItems =>
  items.map((e) => ({ instrumentId: e.instrumentId, start: e.start, end: e.end, quantity: e.quantity, purpose: e.purpose }));

/** Server errors "items.1.start" → { 1: [...] }; errors without an item index go to the page. */
function byItem(fields: FieldError[]) {
  const items = new Map<number, FieldError[]>();
  const general: FieldError[] = [];
  for (const f of fields) {
    const m = /^items\.(\d+)(?:\.(.+))?$/.exec(f.path);
    if (m) items.set(Number(m[1]), [...(items.get(Number(m[1])) ?? []), { path: m[2] ?? '', message: f.message }]);
    else general.push(f);
  }
  return { items, general };
}

export default function CartPage() {
  const { t } = useTranslation();
  const c = t('common.sep'); // '：' in Chinese, ': ' in English
  const { user, ready } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const price = usePrice();
  const items = useCart();
  const id = useId();
  useTitle(t('cart.title'));
  const qc = useQueryClient();
  // every item quoted together, again 300 ms after the cart last changed
  const asked = useDebounced(
    useMemo(() => payload(items), [items]),
    300,
  );
  const estimate = useQuery({ ...quoteQuery(asked), enabled: items.length > 0 && asked.length > 0 });
  const quote = items.length ? (estimate.data ?? null) : null;
  const quoteError = items.length ? estimate.error : null;
  const send = useMutation({
    mutationFn: () => submitBookings(payload(items)),
    onSuccess: (r) => {
      cart.clear();
      void qc.invalidateQueries({ queryKey: bookingKeys.all });
      message.success(t('cart.submitted', { count: r.items.length }));
      navigate('/bookings');
    },
  });
  const submitError = send.error;
  const submitting = send.isPending;
  const submit = () => send.mutate();

  const quoteProblems = byItem(quoteError?.fields ?? []);
  const submitProblems = byItem(submitError?.fields ?? []);
  const anyProblem = !!quote?.items.some((q) => q.problems.length) || quoteProblems.items.size > 0;

  if (!items.length) {
    return (
      <div>
        <Typography.Title level={1} className="kft-page-title">
          {t('cart.title')}
        </Typography.Title>
        <Empty description={t('cart.empty')}>
          <Link to="/instruments">{t('cart.browse')}</Link>
        </Empty>
      </div>
    );
  }

  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('cart.title')}
      </Typography.Title>
      <p className="kft-meta">{t('cart.help')}</p>
      {submitError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="submit-error"
          style={{ marginBottom: 12 }}
          title={submitError.status === 409 ? t('cart.conflict') : submitError.fields.length ? t('cart.refused') : submitError.message}
          description={submitProblems.general.length ? <Messages items={submitProblems.general} /> : undefined}
        />
      )}
      {quoteError && !quoteProblems.items.size && quoteError.status !== 401 && (
        <Alert type="warning" showIcon title={quoteError.message} style={{ marginBottom: 12 }} />
      )}
      {items.map((e, n) => {
        const q = quote?.items[n];
        const problems = [...(q?.problems ?? []), ...(quoteProblems.items.get(n) ?? [])];
        const refused = submitProblems.items.get(n) ?? [];
        return (
          <Card
            key={e.key}
            size="small"
            className="kft-result"
            data-testid="cart-item"
            data-instrument={e.instrumentId}
            title={
              <h2 className="kft-card-title">
                <Link to={`/instruments/${e.instrumentId}`}>{q?.instrumentName ?? e.instrumentName}</Link>
              </h2>
            }
            extra={
              <Button size="small" danger onClick={() => cart.remove(e.key)} aria-label={t('cart.removeItem', { name: e.instrumentName })}>
                {t('cart.remove')}
              </Button>
            }
          >
            <div className="kft-cart-row">
              <div className="kft-grow">
                <div>{fmtSpan(e.start, e.end)}</div>
                <div className="kft-meta">
                  {t('inst.owner')}
                  {c}
                  {q?.ownerName ?? e.ownerName}
                </div>
                <label className="kft-field kft-inline-field" htmlFor={`${id}-${e.key}-purpose`}>
                  <span>{t('bf.purpose')}</span>
                  <Input
                    id={`${id}-${e.key}-purpose`}
                    size="small"
                    value={e.purpose}
                    maxLength={500}
                    onChange={(ev) => cart.update(e.key, { purpose: ev.target.value })}
                  />
                </label>
                {needsQuantity(e.priceUnit) && (
                  <label className="kft-field kft-inline-field" htmlFor={`${id}-${e.key}-quantity`}>
                    <span>{t(`bf.quantity.${e.priceUnit}`)}</span>
                    <InputNumber
                      id={`${id}-${e.key}-quantity`}
                      size="small"
                      min={1}
                      max={10000}
                      precision={0}
                      value={e.quantity}
                      onChange={(v) => cart.update(e.key, { quantity: v ?? 1 })}
                    />
                  </label>
                )}
              </div>
              <div className="kft-cart-price" data-testid="cart-item-price">
                {q ? (
                  <>
                    <strong>{yuan(q.estimatedFen)}</strong>
                    <div className="kft-meta">
                      {t('bf.hoursValue', { n: num(q.hours, 2) })} × {price(q.unitPriceFen, q.unit)}
                      {q.quantity > 1 ? ` × ${q.quantity}` : ''}
                    </div>
                    <Space size={4} wrap>
                      {q.external && <Tag>{t('bf.external')}</Tag>}
                      {q.needsApproval ? <Tag color="orange">{t('inst.needsApproval')}</Tag> : <Tag color="green">{t('inst.instant')}</Tag>}
                    </Space>
                  </>
                ) : quoteError?.status === 401 ? (
                  <span className="kft-meta">{t('bf.quoteSignIn')}</span>
                ) : (
                  <Spin size="small" />
                )}
              </div>
            </div>
            {problems.length > 0 && (
              <Alert type="warning" showIcon style={{ marginTop: 8 }} data-testid="item-problems" title={<Messages items={problems} />} />
            )}
            {refused.length > 0 && <Alert type="error" showIcon style={{ marginTop: 8 }} data-testid="item-errors" title={<Messages items={refused} />} />}
          </Card>
        );
      })}
      <Card size="small">
        <div className="kft-toolbar" style={{ marginBottom: 0 }}>
          <div aria-live="polite">
            {t('cart.total')}
            {c}
            <strong data-testid="cart-total">{quote ? yuan(quote.totalFen) : '—'}</strong>
            <span className="kft-meta">　{t('cart.count', { count: items.length })}</span>
          </div>
          <Space wrap>
            <Button onClick={() => cart.clear()}>{t('cart.clear')}</Button>
            {ready && !user ? (
              <Button type="primary" onClick={() => navigate('/login?next=/cart')}>
                {t('cart.signInToSubmit')}
              </Button>
            ) : (
              <Button type="primary" onClick={submit} loading={submitting} disabled={!user} data-testid="submit-cart">
                {t('cart.submit')}
              </Button>
            )}
          </Space>
        </div>
        {anyProblem && (
          <p className="kft-meta" style={{ margin: '6px 0 0' }}>
            {t('cart.problemsNote')}
          </p>
        )}
      </Card>
    </div>
  );
}
