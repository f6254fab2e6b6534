/**
 * The provider's claim (兑付) on the order page: once the order is paid with a voucher, one button submits the claim,
 * assembled by the server from the order (contract, invoice, payment proof, deliverables); then its status, the
 * office's reason when returned (with 重新提交), and the notice's end.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtFull, yuan } from '../../../lib/time';
import { orderClaimsQuery, resubmitClaim, submitClaim, voucherKeys } from '../api';
import { claimTagStatus, StatusTag } from '../shared';

export default function OrderClaimCard({ orderId, voucherFen }: { orderId: number; voucherFen: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const claims = useQuery(orderClaimsQuery(orderId));
  const done = async () => {
    message.success(t('vc.orderClaim.submitted'));
    await qc.invalidateQueries({ queryKey: voucherKeys.all });
  };
  const submit = useMutation({ mutationFn: () => submitClaim(orderId), onSuccess: done });
  const resubmit = useMutation({ mutationFn: (id: number) => resubmitClaim(id), onSuccess: done });
  const claim = claims.data?.items.find((c) => c.status !== 'rejected') ?? claims.data?.items[0];
  const failure = submit.error ?? resubmit.error;
  return (
    <Card size="small" data-testid="order-claim" title={<h2 className="kft-card-title">{t('vc.orderClaim.title')}</h2>}>
      {failure && <Alert type="error" showIcon role="alert" title={failure.message} style={{ marginBottom: 8 }} />}
      {claims.isSuccess && !claim && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <p className="kft-meta" style={{ margin: 0 }}>
            {t('vc.orderClaim.help', { amount: yuan(voucherFen) })}
          </p>
          <Button type="primary" onClick={() => submit.mutate()} loading={submit.isPending} data-testid="submit-claim">
            {t('vc.orderClaim.submit')}
          </Button>
        </Space>
      )}
      {claim && (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'no', label: t('vc.field.claimNo'), children: claim.claimNo },
            { key: 'st', label: t('vc.field.status'), children: <StatusTag kind="claim" status={claimTagStatus(claim)} /> },
            { key: 'amt', label: t('vc.field.claimAmount'), children: yuan(claim.amountFen) },
            ...(claim.returnReason ? [{ key: 'why', label: t('vc.orderClaim.reason'), children: claim.returnReason }] : []),
            ...(claim.noticeUntil && claim.status === 'in_notice'
              ? [{ key: 'nu', label: t('vc.orderClaim.noticeUntil'), children: fmtFull(claim.noticeUntil) }]
              : []),
          ]}
        />
      )}
      {claim?.can.resubmit && (
        <Button onClick={() => resubmit.mutate(claim.id)} loading={resubmit.isPending} data-testid="resubmit-claim">
          {t('vc.orderClaim.resubmit')}
        </Button>
      )}
    </Card>
  );
}
