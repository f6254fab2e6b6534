/** /orders/:id — one order through all its steps: the state, quote, contract, milestones, delivery, payment, ratings, thread, history. */
import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Result, Row, Space, Spin, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useTitle } from '../../shell/context';
import { SignInPrompt } from '../../shell/SignedIn';
import { fmtFull } from '../../lib/time';
import { ORDER_FLOW, orderKeys, orderQuery, orderSteps, type Order } from './api';
import VoucherCheckout from '../vouchers/components/VoucherCheckout';
import OrderClaimCard from '../vouchers/components/OrderClaimCard';

/** the states in which a voucher may be applied or taken off (the server's rule: vouchers/orders-face.ts) */
const VOUCHER_STATES: string[] = ['confirmed', 'delivered', 'disputed', 'accepted'];
import { money, OrderStatusTag } from './components/shared';
import { QuoteSection } from './components/QuoteSection';
import { ContractPanel, DeliveryPanel, HistoryPanel, InvoicePaymentPanel, MessagesPanel, MilestonesPanel, RatingsPanel } from './components/Panels';
import { useStep } from './components/useStep';

/** Where the order stands on the main road; a dispute sits on the delivery step, a cancellation on the step it left. */
function stepIndex(o: Order): { current: number; status: 'process' | 'error' | 'finish' | 'wait' } {
  if (o.status === 'cancelled') return { current: o.quote ? 1 : 0, status: 'error' };
  if (o.status === 'disputed') return { current: ORDER_FLOW.indexOf('delivered'), status: 'error' };
  const i = ORDER_FLOW.indexOf(o.status as (typeof ORDER_FLOW)[number]);
  return { current: i, status: o.status === 'paid' ? 'finish' : 'process' };
}

function CancelBox({ order }: { order: Order }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useStep(order.id, (v: { reason: string }) => orderSteps.cancel(order.id, v.reason), {
    form,
    fields: ['reason'],
    onDone: () => setOpen(false),
  });
  if (!order.can.cancel) return null;
  if (!open)
    return (
      <Button danger onClick={() => setOpen(true)} data-testid="cancel-open">
        {t('ord.cancel.action')}
      </Button>
    );
  return (
    <Form form={form} layout="vertical" onFinish={(v) => cancel.mutate(v)} style={{ maxWidth: 480 }}>
      {cancel.errors.length > 0 && <Alert type="error" showIcon role="alert" title={cancel.errors.join(' ')} />}
      <Form.Item name="reason" label={t('ord.cancel.reason')}>
        <Input.TextArea rows={2} maxLength={1000} data-testid="cancel-reason" />
      </Form.Item>
      <Button danger htmlType="submit" loading={cancel.isPending} data-testid="cancel-submit">
        {t('ord.cancel.submit')}
      </Button>
    </Form>
  );
}

export default function OrderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  const qc = useQueryClient();
  const { data: order, error } = useQuery({ ...orderQuery(Number(id)), enabled: !!user && /^\d+$/.test(id) });
  useTitle(order ? `${order.title} · ${order.orderNo}` : t('common.loading'));

  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!user) return <SignInPrompt />;
  if (error)
    return (
      <Result
        status={error.status === 404 ? '404' : 'error'}
        title={error.status === 404 ? '404' : t('common.error')}
        subTitle={error.message}
        extra={<Link to="/orders">{t('ord.backToList')}</Link>}
      />
    );
  if (!order)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  const { current, status } = stepIndex(order);
  return (
    <div data-testid="order-page" data-status={order.status}>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between' }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
          <Typography.Title level={1} className="kft-page-title" style={{ margin: 0 }}>
            {order.title}
          </Typography.Title>
          <OrderStatusTag status={order.status} />
          {order.kind === 'instrument_booking' && (
            <Tag color="geekblue" data-testid="order-kind">
              {t('ord.kindBooking')}
            </Tag>
          )}
        </div>
        <Link to="/orders">{t('ord.backToList')}</Link>
      </div>
      <div style={{ overflowX: 'auto', margin: '16px 0' }}>
        <Steps
          size="small"
          current={current}
          status={status}
          responsive={false}
          style={{ minWidth: 560 }}
          items={ORDER_FLOW.map((s) => ({ key: s, title: s === 'delivered' && order.status === 'disputed' ? t('ord.status.disputed') : t(`ord.status.${s}`) }))}
        />
      </div>
      {order.status === 'cancelled' && <Alert type="warning" showIcon title={t('ord.cancelledBanner', { reason: order.cancelReason ?? '—' })} />}
      {order.status === 'disputed' && <Alert type="warning" showIcon title={t('ord.disputedBanner', { reason: order.disputeReason ?? '—' })} />}
      {!order.mySide && <Alert type="info" showIcon title={t('ord.readOnly')} />}
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={24} lg={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2 }}
                items={[
                  { key: 'no', label: t('ord.orderNo'), children: <span data-testid="order-no">{order.orderNo}</span> },
                  { key: 'at', label: t('ord.createdAt'), children: fmtFull(order.createdAt) },
                  { key: 'b', label: t('ord.buyer'), children: order.buyer.name },
                  { key: 'p', label: t('ord.provider'), children: order.provider.name },
                  { key: 'r', label: t('ord.requirement'), span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{order.requirement}</span> },
                  ...(order.bookingId
                    ? [
                        {
                          key: 'bk',
                          label: t('ord.booking'),
                          span: 2,
                          children: <Link to="/bookings?status=completed">{t('ord.bookingNo', { id: order.bookingId })}</Link>,
                        },
                      ]
                    : []),
                ]}
              />
            </Card>
            <QuoteSection order={order} />
            <ContractPanel order={order} />
            <MilestonesPanel order={order} />
            <DeliveryPanel order={order} />
            <InvoicePaymentPanel order={order} />
            <RatingsPanel order={order} />
            <CancelBox order={order} />
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={<h2 className="kft-card-title">{t('ord.payment.title')}</h2>} data-testid="payment-summary">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 't', label: t('ord.payment.total'), children: money(order.payment.totalFen) },
                  { key: 'v', label: t('ord.payment.voucher'), children: money(order.payment.voucherFen) },
                  { key: 'p', label: t('ord.payment.payable'), children: <strong data-testid="payable">{money(order.payment.payableFen)}</strong> },
                ]}
              />
            </Card>
            {/* the buyer pays part with a voucher while the price is agreed and the bill not yet paid */}
            {order.mySide === 'buyer' && VOUCHER_STATES.includes(order.status) && order.payment.totalFen > 0 && (
              <VoucherCheckout orderId={order.id} onChange={() => qc.invalidateQueries({ queryKey: orderKeys.one(order.id) })} />
            )}
            {/* the provider claims the voucher's share once the order is paid */}
            {order.mySide === 'provider' && order.status === 'paid' && order.payment.voucherId != null && (
              <OrderClaimCard orderId={order.id} voucherFen={order.payment.voucherFen} />
            )}
            <MessagesPanel order={order} />
            <HistoryPanel order={order} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}
