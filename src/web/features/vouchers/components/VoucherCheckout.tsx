/**
 * The voucher at checkout, for the order page (and a booking's payment): each of the buyer's vouchers usable or with
 * the reason it is refused (related provider, excluded service, expired …), the share it pays and the remainder
 * payable; 使用 / 取消使用. The order page places it: `<VoucherCheckout orderId={order.id} />`.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, List, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuan } from '../../../lib/time';
import { applyToOrder, checkoutQuery, removeFromOrder, voucherKeys } from '../api';
import '../vouchers.css';

export interface VoucherCheckoutProps {
  orderId: number;
  /** called after a voucher was applied or removed, so the page can refresh the order's payable */
  onChange?: () => void;
}

export default function VoucherCheckout({ orderId, onChange }: VoucherCheckoutProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery(checkoutQuery(orderId));
  const done = async (text: string) => {
    message.success(text);
    await qc.invalidateQueries({ queryKey: voucherKeys.all });
    onChange?.();
  };
  const use = useMutation({ mutationFn: (voucherId: number) => applyToOrder(orderId, voucherId), onSuccess: () => done(t('vc.checkout.applied')) });
  const remove = useMutation({ mutationFn: () => removeFromOrder(orderId), onSuccess: () => done(t('vc.checkout.removed')) });
  const c = (k: string, x?: string) => t(`vc.checkout.${k}`, { x });
  const failure = use.error ?? remove.error;
  return (
    <Card size="small" data-testid="voucher-checkout" title={<h2 className="kft-card-title">{c('title')}</h2>}>
      {q.isPending && <Spin />}
      {q.error && <Alert type="error" showIcon role="alert" title={q.error.message} />}
      {failure && <Alert type="error" showIcon role="alert" title={failure.message} style={{ marginBottom: 8 }} />}
      {q.data && (
        <>
          <div className="vc-amounts" data-testid="checkout-summary">
            <span>{c('total', yuan(q.data.totalFen))}</span>
            {q.data.applied && (
              <>
                <strong>{c('share', yuan(q.data.applied.voucherFen))}</strong>
                <strong>{c('payable', yuan(q.data.applied.payableFen))}</strong>
              </>
            )}
          </div>
          {q.data.options.length === 0 ? (
            <Empty description={c('none')} />
          ) : (
            <List
              dataSource={q.data.options}
              renderItem={(o) => {
                const applied = q.data.applied?.voucherId === o.voucher.id;
                return (
                  <List.Item
                    data-testid="checkout-option"
                    data-usable={o.usable}
                    actions={[
                      applied ? (
                        <Button key="cancel" onClick={() => remove.mutate()} loading={remove.isPending}>
                          {c('cancel')}
                        </Button>
                      ) : (
                        <Button
                          key="use"
                          type="primary"
                          disabled={!o.usable || !!q.data.applied}
                          onClick={() => use.mutate(o.voucher.id)}
                          loading={use.isPending && use.variables === o.voucher.id}
                        >
                          {c('use')}
                        </Button>
                      ),
                    ]}
                  >
                    <List.Item.Meta
                      title={
                        <span>
                          {o.voucher.voucherNo} · {o.voucher.scheme.name} {applied && <Tag color="green">{c('inUse')}</Tag>}
                        </span>
                      }
                      description={
                        o.usable ? (
                          <span>
                            {t('vc.field.balance')} {yuan(o.voucher.balanceFen)} · {c('share', yuan(o.shareFen))} · {c('payable', yuan(o.payableFen))}
                          </span>
                        ) : (
                          <span className="vc-unmet">✗ {o.reason}</span>
                        )
                      }
                    />
                  </List.Item>
                );
              }}
            />
          )}
        </>
      )}
    </Card>
  );
}
