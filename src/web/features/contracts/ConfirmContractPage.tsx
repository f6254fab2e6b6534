/**
 * /contracts/:id/confirm — the buyer's confirmation (买方确认): a buyer on the platform reads the summary of the
 * contract the seller submitted (parties, type, the two amounts, validity, the signed PDF) and confirms it, or
 * disputes it with a reason — a disputed contract goes to expert review. The station accepts once it answered.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Input, Modal, Result, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import { yuan } from '../../lib/time';
import { type Contract, contractKeys, contractQuery } from './api';
import { ContractStatusTag } from './components/shared';
import { confirmContract, disputeContract } from './lifecycle-api';

export default function ConfirmContractPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery(contractQuery(id));
  const c = q.data;
  useTitle(t('ctl.confirm.title'));
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answer = useMutation({
    mutationFn: (run: () => Promise<Contract>) => run(),
    onSuccess: (next) => {
      qc.setQueryData(contractKeys.one(id), next);
      void qc.invalidateQueries({ queryKey: ['contracts', 'list'] });
      setError(null);
      setAsking(false);
    },
    // a refused reason names its field: show that sentence, not the general one
    onError: (e) => setError(e.fields.length ? e.fields.map((f) => f.message).join('；') : e.message),
  });

  if (q.isPending)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!c) return <Result status="404" title="404" subTitle={q.error?.message} />;
  const bc = c.buyerConfirmation;
  const amount = (fen: number | null) => (fen == null ? '—' : yuan(fen));

  return (
    <div style={{ maxWidth: 880 }}>
      <Link to={`/contracts/${c.id}`}>{t('ctl.confirm.back')}</Link>
      <Typography.Title level={1} className="kft-page-title" style={{ margin: '8px 0' }}>
        {t('ctl.confirm.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <strong>{c.projectName ?? `#${c.id}`}</strong>
        <ContractStatusTag status={c.status} />
      </Space>
      {bc.answer === 'confirmed' && (
        <Alert type="success" showIcon title={t('ctl.confirm.confirmed')} style={{ marginBottom: 12 }} data-testid="buyer-answer" data-answer="confirmed" />
      )}
      {bc.answer === 'disputed' && (
        <Alert
          type="warning"
          showIcon
          title={t('ctl.confirm.disputed', { reason: bc.reason ?? '' })}
          style={{ marginBottom: 12 }}
          data-testid="buyer-answer"
          data-answer="disputed"
        />
      )}
      {!bc.answer && !c.can.confirm && <Alert type="info" showIcon title={t('ctl.confirm.notNow')} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="confirm-error" />}
      <Card size="small" style={{ marginBottom: 12 }} data-testid="confirm-summary">
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label={t('ctr.form.contractType')}>
            {c.contractType ? t(`ctr.type.${c.contractType}`) : '—'}
            {c.subType ? ` · ${t(`ctr.subType.${c.subType}`)}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('ctr.form.signedOn')}>{c.signedOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ctr.form.seller')}>{`${c.seller.name ?? ''} ${c.seller.uscc ?? ''}`}</Descriptions.Item>
          <Descriptions.Item label={t('ctr.form.buyer')}>{`${c.buyer.name ?? ''} ${c.buyer.uscc ?? ''}`}</Descriptions.Item>
          <Descriptions.Item label={t('ctr.form.amountFen')}>
            <span data-testid="confirm-amount">{amount(c.amountFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('ctr.form.techAmountFen')}>{amount(c.techAmountFen)}</Descriptions.Item>
          <Descriptions.Item label={t('ctl.confirm.costs')}>{amount(c.equipmentFen + c.partsFen + c.materialsFen)}</Descriptions.Item>
          <Descriptions.Item label={t('ctr.form.validUntil')}>{`${c.validFrom ?? ''} ~ ${c.validUntil ?? ''}`}</Descriptions.Item>
          <Descriptions.Item label={t('ctr.form.techField')}>{c.techField ? t(`ctr.field.${c.techField}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('ctl.document.title')}>{c.document ? <a href={c.document.url}>{c.document.filename}</a> : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      {(c.can.confirm || c.can.dispute) && (
        <Card size="small">
          <p className="kft-meta">{t('ctl.confirm.explain')}</p>
          <Space wrap>
            {c.can.confirm && (
              <Button type="primary" onClick={() => answer.mutate(() => confirmContract(id))} loading={answer.isPending} data-testid="buyer-confirm">
                {t('ctl.confirm.confirm')}
              </Button>
            )}
            {c.can.dispute && (
              <Button danger onClick={() => setAsking(true)} data-testid="buyer-dispute">
                {t('ctl.confirm.dispute')}
              </Button>
            )}
          </Space>
        </Card>
      )}
      <Modal
        open={asking}
        title={t('ctl.confirm.disputeTitle')}
        okText={t('ctl.confirm.disputeOk')}
        cancelText={t('ctr.cancel')}
        okButtonProps={{ danger: true }}
        onOk={() => answer.mutate(() => disputeContract(id, reason))}
        onCancel={() => {
          setAsking(false);
          setError(null);
        }}
        confirmLoading={answer.isPending}
      >
        <p className="kft-meta">{t('ctl.confirm.disputeHelp')}</p>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="dispute-error" />}
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          aria-label={t('ctl.confirm.reason')}
          placeholder={t('ctl.confirm.reason')}
          data-testid="dispute-reason"
        />
      </Modal>
    </div>
  );
}
