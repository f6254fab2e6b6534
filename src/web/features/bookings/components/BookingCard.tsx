/**
 * One booking with the actions its `can` flags allow: the user cancels, checks in and out; the owner approves,
 * declines (a reason is required, the user reads it) and records actual usage. Every action returns the updated
 * booking, which replaces the shown one.
 */
import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Modal, Space, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import { actOnBooking, settleBooking, type Booking, type BookingAction, type BookingSide } from '../api';
import { BookingStatusTag } from '../shared';
import { shInstant, shParts } from '../../../lib/time';
import BookingDetails from './BookingDetails';

type Dialog = null | 'cancel' | 'decline' | 'usage';

export default function BookingCard({ b, side, onChange }: { b: Booking; side: BookingSide; onChange: (b: Booking) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = useId();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reason, setReason] = useState('');
  const [usage, setUsage] = useState({ sd: '', st: '', ed: '', et: '' });
  const [err, setErr] = useState<ApiError | null>(null);
  const action = useMutation({
    mutationFn: ({ name, body }: { name: BookingAction; body: Record<string, unknown>; done?: string }) => actOnBooking(b.id, name, body),
    onMutate: () => setErr(null),
    onSuccess: (updated, { done }) => {
      onChange(updated);
      if (done) message.success(done);
      setDialog(null);
      setReason('');
    },
    onError: (ae) => {
      setErr(ae);
      if (!dialog) message.error(ae.message);
    },
  });
  const navigate = useNavigate();
  // a completed use of another organization's instrument is paid through an order: the same payment record, voucher and claim as a service
  const settle = useMutation({
    mutationFn: () => settleBooking(b.id),
    onSuccess: (o) => navigate(`/orders/${o.id}`),
    onError: (ae) => message.error(ae.message),
  });
  const settleable = side === 'mine' && b.status === 'completed' && b.external && (b.priceFen ?? b.estimatedFen) > 0;
  const busy = action.isPending;
  const act = (name: BookingAction, body: Record<string, unknown> = {}, done?: string) => action.mutate({ name, body, done });
  function openUsage() {
    const a = shParts(b.actualStart ?? b.start);
    const z = shParts(b.actualEnd ?? b.end);
    setUsage({ sd: a.date, st: a.time, ed: z.date, et: z.time });
    setErr(null);
    setDialog('usage');
  }
  const fieldErr = (f: string) =>
    err?.fields
      .filter((x) => x.path === f)
      .map((x) => x.message)
      .join(t('common.msgSep')) || undefined;
  const hasActions =
    (side === 'owner' && (b.can.approve || b.can.decline || b.can.recordUsage)) || b.can.checkIn || b.can.checkOut || b.can.cancel || settleable;

  return (
    <Card
      size="small"
      className="kft-result"
      data-testid="booking-card"
      data-booking={b.id}
      data-status={b.status}
      title={
        <h2 className="kft-card-title">
          <Link to={`/instruments/${b.instrumentId}`}>{b.instrumentName}</Link>
        </h2>
      }
      extra={<BookingStatusTag status={b.status} />}
    >
      <BookingDetails b={b} side={side} />
      {hasActions && (
        <Space wrap style={{ marginTop: 8 }}>
          {side === 'owner' && b.can.approve && (
            <Button type="primary" size="small" loading={busy} onClick={() => act('approve', {}, t('bk.approved'))} data-testid="approve">
              {t('bk.approve')}
            </Button>
          )}
          {side === 'owner' && b.can.decline && (
            <Button
              danger
              size="small"
              onClick={() => {
                setErr(null);
                setDialog('decline');
              }}
              data-testid="decline"
            >
              {t('bk.decline')}
            </Button>
          )}
          {side === 'owner' && b.can.recordUsage && (
            <Button size="small" onClick={openUsage} data-testid="record-usage">
              {t('bk.recordUsage')}
            </Button>
          )}
          {b.can.checkIn && (
            <Button type="primary" size="small" loading={busy} onClick={() => act('check-in', {}, t('bk.checkedIn'))} data-testid="check-in">
              {t('bk.checkIn')}
            </Button>
          )}
          {b.can.checkOut && (
            <Button size="small" loading={busy} onClick={() => act('check-out', {}, t('bk.checkedOut'))} data-testid="check-out">
              {t('bk.checkOut')}
            </Button>
          )}
          {settleable && (
            <Button type="primary" size="small" loading={settle.isPending} onClick={() => settle.mutate()} data-testid="settle">
              {t('bk.settle')}
            </Button>
          )}
          {b.can.cancel && (
            <Button
              size="small"
              onClick={() => {
                setErr(null);
                setDialog('cancel');
              }}
              data-testid="cancel"
            >
              {t('bk.cancel')}
            </Button>
          )}
        </Space>
      )}

      <Modal
        open={dialog === 'decline'}
        title={t('bk.declineTitle', { name: b.instrumentName })}
        okText={t('bk.decline')}
        okButtonProps={{ danger: true, loading: busy, disabled: reason.trim().length < 2, 'data-testid': 'confirm-decline' } as ButtonProps}
        cancelText={t('common.cancel')}
        onCancel={() => setDialog(null)}
        onOk={() => act('decline', { reason: reason.trim() }, t('bk.declined'))}
        destroyOnHidden
      >
        <Form layout="vertical" component="div">
          <Form.Item
            label={t('bk.declineReason')}
            htmlFor={`${id}-dr`}
            required
            validateStatus={fieldErr('reason') ? 'error' : undefined}
            help={fieldErr('reason') ?? t('bk.declineHelp')}
          >
            <Input.TextArea id={`${id}-dr`} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="decline-reason" />
          </Form.Item>
        </Form>
        {err && !fieldErr('reason') && <Alert type="error" showIcon title={err.message} />}
      </Modal>
      <Modal
        open={dialog === 'cancel'}
        title={t('bk.cancelTitle', { name: b.instrumentName })}
        okText={t('bk.confirmCancel')}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('common.back')}
        onCancel={() => setDialog(null)}
        onOk={() => act('cancel', reason.trim() ? { reason: reason.trim() } : {}, t('bk.cancelled'))}
        destroyOnHidden
      >
        <Form layout="vertical" component="div">
          <Form.Item label={t('bk.cancelReasonOptional')} htmlFor={`${id}-cr`}>
            <Input.TextArea id={`${id}-cr`} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
        {err && <Alert type="error" showIcon title={err.message} />}
      </Modal>
      <Modal
        open={dialog === 'usage'}
        title={t('bk.usageTitle', { name: b.instrumentName })}
        okText={t('common.save')}
        okButtonProps={{ loading: busy }}
        cancelText={t('common.cancel')}
        onCancel={() => setDialog(null)}
        onOk={() => act('usage', { actualStart: shInstant(usage.sd, usage.st), actualEnd: shInstant(usage.ed, usage.et) }, t('bk.usageSaved'))}
        destroyOnHidden
      >
        <Form layout="vertical" component="div">
          <Form.Item
            label={t('bk.actualStart')}
            htmlFor={`${id}-us`}
            validateStatus={fieldErr('actualStart') ? 'error' : undefined}
            help={fieldErr('actualStart')}
          >
            <Space.Compact style={{ width: '100%' }}>
              <Input id={`${id}-us`} type="date" value={usage.sd} onChange={(e) => setUsage({ ...usage, sd: e.target.value })} />
              <Input type="time" aria-label={t('bk.actualStartTime')} value={usage.st} onChange={(e) => setUsage({ ...usage, st: e.target.value })} />
            </Space.Compact>
          </Form.Item>
          <Form.Item label={t('bk.actualEnd')} htmlFor={`${id}-ue`} validateStatus={fieldErr('actualEnd') ? 'error' : undefined} help={fieldErr('actualEnd')}>
            <Space.Compact style={{ width: '100%' }}>
              <Input id={`${id}-ue`} type="date" value={usage.ed} onChange={(e) => setUsage({ ...usage, ed: e.target.value })} />
              <Input type="time" aria-label={t('bk.actualEndTime')} value={usage.et} onChange={(e) => setUsage({ ...usage, et: e.target.value })} />
            </Space.Compact>
          </Form.Item>
        </Form>
        {err && !fieldErr('actualStart') && !fieldErr('actualEnd') && <Alert type="error" showIcon title={err.message} />}
      </Modal>
    </Card>
  );
}
