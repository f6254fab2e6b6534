/**
 * Start, end, quantity and purpose of one booking, with a live price estimate from POST /bookings/quote
 * (which checks every rule and books nothing), and "add to cart". Used on the instrument page (prefilled from
 * the week calendar) and in the catalogue's add-to-cart dialog (prefilled from a free slot).
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Space, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../../api/client';
import { useDebounced } from '../../../lib/debounce';
import type { PriceUnit, Span } from '../../instruments/api';
import { quoteQuery, type BookingItems } from '../api';
import { cart } from '../cart';
import { needsQuantity, usePrice } from '../../instruments/shared';
import { Messages } from '../shared';
import { fmtSpan, num, shInstant, shParts, yuan } from '../../../lib/time';

export interface BookingTarget {
  id: number;
  name: string;
  ownerName: string;
  priceUnit: PriceUnit;
}

interface Props {
  instrument: BookingTarget;
  /** a span to prefill (calendar selection or free slot); changing it resets start and end */
  initial?: Span | null;
  /** free stretches offered as one-click choices */
  freeSlots?: Span[];
  onAdded?: () => void;
}

const fieldOf = (path: string) => path.replace(/^items\.\d+\./, '').split('.')[0];

export default function BookingForm({ instrument, initial, freeSlots, onAdded }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const price = usePrice();
  const id = useId();
  const [startDate, setStartDate] = useState('');
  const [startTime, setStartTime] = useState('');
  const [endDate, setEndDate] = useState('');
  const [endTime, setEndTime] = useState('');
  const [quantity, setQuantity] = useState(1);
  const [purpose, setPurpose] = useState('');
  const [tried, setTried] = useState(false);

  const setSpan = useCallback((s: Span) => {
    const a = shParts(s.start);
    const b = shParts(s.end);
    setStartDate(a.date);
    setStartTime(a.time);
    setEndDate(b.date);
    setEndTime(b.time);
  }, []);
  // a new span to prefill (its start and end, not a new object with the same ones)
  const initialStart = initial?.start;
  const initialEnd = initial?.end;
  useEffect(() => {
    if (initialStart && initialEnd) setSpan({ start: initialStart, end: initialEnd });
  }, [initialStart, initialEnd, setSpan]);

  const complete = startDate && startTime && endDate && endTime;
  const start = complete ? shInstant(startDate, startTime) : '';
  const end = complete ? shInstant(endDate, endTime) : '';
  const order = complete && Date.parse(end) <= Date.parse(start);
  const qty = needsQuantity(instrument.priceUnit) ? quantity : 1;

  // live estimate, debounced so typing a purpose does not send a request per key
  const wanted: BookingItems | null = complete && !order ? [{ instrumentId: instrument.id, start, end, quantity: qty, purpose }] : null;
  const asked = useDebounced(wanted, 350);
  const estimate = useQuery({ ...quoteQuery(asked ?? []), enabled: !!wanted && !!asked });
  const quote = wanted && asked ? (estimate.data ?? null) : null;
  const quoteError = wanted && asked ? estimate.error : null;
  const quoting = estimate.isFetching;

  const item = quote?.items[0];
  const problems: FieldError[] = [...(item?.problems ?? []), ...(quoteError?.fields ?? [])];
  const errorsFor = (f: string) => problems.filter((p) => fieldOf(p.path) === f).map((p) => p.message);
  const other = problems.filter((p) => !['start', 'end', 'quantity', 'purpose'].includes(fieldOf(p.path)));
  const localErrors = {
    start: tried && !complete ? [t('bf.timeRequired')] : [],
    end: order ? [t('bf.endAfterStart')] : [],
    purpose: tried && purpose.trim().length < 2 ? [t('bf.purposeRequired')] : [],
  };
  const help = (list: string[]) => (list.length ? list.join(t('common.msgSep')) : undefined);
  const status = (list: string[]) => (list.length ? ('error' as const) : undefined);

  function add() {
    setTried(true);
    if (!complete || order || purpose.trim().length < 2) return;
    cart.add({
      instrumentId: instrument.id,
      instrumentName: instrument.name,
      ownerName: instrument.ownerName,
      priceUnit: instrument.priceUnit,
      start,
      end,
      quantity: qty,
      purpose: purpose.trim(),
    });
    message.success({
      content: (
        <span>
          {t('bf.added')} <Link to="/cart">{t('bf.goCart')}</Link>
        </span>
      ),
    });
    setTried(false);
    onAdded?.();
  }

  const startErr = [...localErrors.start, ...errorsFor('start')];
  const endErr = [...localErrors.end, ...errorsFor('end')];
  const purposeErr = [...localErrors.purpose, ...(purpose ? errorsFor('purpose') : [])];
  return (
    <Form layout="vertical" component="div" data-testid="booking-form">
      {freeSlots && freeSlots.length > 0 && (
        <Form.Item label={t('bf.freeSlots')}>
          <Space wrap size={[6, 6]}>
            {freeSlots.map((s) => (
              <Button key={s.start} size="small" onClick={() => setSpan(s)} data-testid="pick-slot">
                {fmtSpan(s.start, s.end)}
              </Button>
            ))}
          </Space>
        </Form.Item>
      )}
      <Form.Item label={t('bf.start')} htmlFor={`${id}-sd`} validateStatus={status(startErr)} help={help(startErr)} required>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            id={`${id}-sd`}
            type="date"
            value={startDate}
            onChange={(e) => {
              setStartDate(e.target.value);
              if (!endDate) setEndDate(e.target.value);
            }}
            aria-label={t('bf.startDate')}
            data-testid="bf-start-date"
          />
          <Input
            type="time"
            step={300}
            value={startTime}
            onChange={(e) => setStartTime(e.target.value)}
            aria-label={t('bf.startTime')}
            data-testid="bf-start-time"
          />
        </Space.Compact>
      </Form.Item>
      <Form.Item label={t('bf.end')} htmlFor={`${id}-ed`} validateStatus={status(endErr)} help={help(endErr)} required>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            id={`${id}-ed`}
            type="date"
            value={endDate}
            onChange={(e) => setEndDate(e.target.value)}
            aria-label={t('bf.endDate')}
            data-testid="bf-end-date"
          />
          <Input type="time" step={300} value={endTime} onChange={(e) => setEndTime(e.target.value)} aria-label={t('bf.endTime')} data-testid="bf-end-time" />
        </Space.Compact>
      </Form.Item>
      {needsQuantity(instrument.priceUnit) && (
        <Form.Item
          label={t(`bf.quantity.${instrument.priceUnit}`)}
          htmlFor={`${id}-q`}
          validateStatus={status(errorsFor('quantity'))}
          help={help(errorsFor('quantity'))}
        >
          <InputNumber id={`${id}-q`} min={1} max={10000} precision={0} value={quantity} onChange={(v) => setQuantity(v ?? 1)} style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item label={t('bf.purpose')} htmlFor={`${id}-p`} validateStatus={status(purposeErr)} help={help(purposeErr)} required>
        <Input.TextArea
          id={`${id}-p`}
          rows={2}
          maxLength={500}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          placeholder={t('bf.purposeHint')}
          data-testid="bf-purpose"
        />
      </Form.Item>
      <div aria-live="polite" data-testid="quote">
        {quoting && !item && <Spin size="small" />}
        {quoteError?.status === 401 && (
          <Alert
            type="info"
            showIcon
            title={
              <span>
                {t('bf.quoteSignIn')} <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</Link>
              </span>
            }
            style={{ marginBottom: 8 }}
          />
        )}
        {quoteError && quoteError.status !== 401 && !quoteError.fields.length && (
          <Alert type="error" showIcon title={quoteError.message} style={{ marginBottom: 8 }} />
        )}
        {item && (
          <Descriptions
            size="small"
            column={1}
            bordered
            style={{ marginBottom: 8 }}
            data-testid="quote-result"
            items={[
              { key: 'span', label: t('bf.when'), children: fmtSpan(item.start, item.end) },
              { key: 'hours', label: t('bf.hours'), children: t('bf.hoursValue', { n: num(item.hours, 2) }) },
              {
                key: 'price',
                label: t('bf.unitPrice'),
                children: (
                  <>
                    {price(item.unitPriceFen, item.unit)} {item.external ? <Tag>{t('bf.external')}</Tag> : <Tag color="green">{t('bf.internal')}</Tag>}
                  </>
                ),
              },
              { key: 'est', label: t('bf.estimate'), children: <strong data-testid="quote-estimate">{yuan(item.estimatedFen)}</strong> },
              { key: 'approval', label: t('bf.approval'), children: item.needsApproval ? t('bf.needsApproval') : t('bf.autoConfirm') },
            ]}
          />
        )}
        {other.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={t('bf.problems')}
            description={<Messages items={other} />}
            style={{ marginBottom: 8 }}
            data-testid="quote-problems"
          />
        )}
      </div>
      <Button type="primary" block onClick={add} data-testid="add-to-cart">
        {t('bf.add')}
      </Button>
      <p className="kft-meta" style={{ margin: '6px 0 0' }}>
        {t('bf.tzNote')}
      </p>
    </Form>
  );
}
