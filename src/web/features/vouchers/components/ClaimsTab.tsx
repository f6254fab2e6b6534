/**
 * 兑付审核: claims with the evidence the order holds (contract, invoice number, payment proof, deliverables as links);
 * approve (public notice) or return with a reason; a claim in notice may be rejected (an upheld objection).
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Segmented, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { clearFieldErrors, showFieldErrors } from '../../../lib/formErrors';
import { fmtStamp, fmtStampLabelled, yuan } from '../../../lib/time';
import { claimsQuery, objectionsQuery, rejectClaim, reviewClaim, voucherKeys, type Claim, type ClaimStatus } from '../api';
import { claimTagStatus, StatusTag } from '../shared';

type Action = { claim: Claim; action: 'return' | 'reject' };

function ReasonModal({ a, onClose }: { a: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string[]>([]);
  const send = useMutation({
    mutationFn: (reason: string) => (a.action === 'return' ? reviewClaim(a.claim.id, { decision: 'return', reason }) : rejectClaim(a.claim.id, reason)),
  });
  const title = a.action === 'return' ? t('vc.admin.returnClaim') : t('vc.admin.rejectClaim');
  return (
    <Modal open title={`${title} · ${a.claim.claimNo}`} onCancel={onClose} footer={null} destroyOnHidden>
      {error.length > 0 && <Alert type="error" showIcon role="alert" title={error.join('；')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onValuesChange={() => clearFieldErrors(form)}
        onFinish={async (v) => {
          setError([]);
          try {
            await send.mutateAsync(v.reason ?? '');
            message.success(a.action === 'return' ? t('vc.admin.returned') : t('vc.admin.claimRejected'));
            await qc.invalidateQueries({ queryKey: voucherKeys.all });
            onClose();
          } catch (e) {
            setError(showFieldErrors(form, e, ['reason']));
          }
        }}
      >
        <Form.Item name="reason" label={a.action === 'return' ? t('vc.admin.returnReason') : t('vc.field.reason')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Button type="primary" danger htmlType="submit" loading={send.isPending}>
          {title}
        </Button>
      </Form>
    </Modal>
  );
}

function Doc({ label, doc }: { label: string; doc: { url: string | null } | null }) {
  const { t } = useTranslation();
  return (
    <li>
      {label}
      {t('vc.colon')}
      {doc?.url ? (
        <a href={doc.url} target="_blank" rel="noreferrer noopener">
          {label}
        </a>
      ) : (
        '—'
      )}
    </li>
  );
}

/** The objections to a claim, with the objector's contact (the reviewing office only: the server says who). */
function Objections({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const list = useQuery({ ...objectionsQuery(claim.id), enabled: open });
  return (
    <div className="vc-objections">
      <Button type="link" size="small" style={{ padding: 0 }} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? t('vc.admin.hideObjections') : t('vc.admin.showObjections', { n: claim.objections })}
      </Button>
      {open && list.isPending && <Spin size="small" />}
      {open && list.error && <Alert type="error" showIcon role="alert" title={list.error.message} />}
      {open && list.data && (
        <ol data-testid="claim-objections">
          {list.data.map((o) => (
            <li key={o.id}>
              <p style={{ margin: 0 }}>{o.reason}</p>
              <p className="kft-meta" style={{ margin: 0 }}>
                {t('vc.admin.objectionFrom', { name: o.name, contact: o.contact, at: fmtStamp(o.createdAt) })}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

const STATUSES = ['submitted', 'in_notice', 'returned', 'batched', 'paid', 'rejected', ''] as const satisfies readonly (ClaimStatus | '')[];

export default function ClaimsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('submitted');
  const claims = useQuery(claimsQuery(status));
  const [acting, setActing] = useState<Action | null>(null);
  const approve = useMutation({
    mutationFn: (id: number) => reviewClaim(id, { decision: 'approve' }),
    onSuccess: () => {
      message.success(t('vc.admin.claimApproved'));
      return qc.invalidateQueries({ queryKey: voucherKeys.all });
    },
    onError: (e) => message.error(e.message),
  });
  const a = (k: string, o?: Record<string, unknown>) => t(`vc.admin.${k}`, o);
  return (
    <div>
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          aria-label={a('filter')}
          options={STATUSES.map((s) => ({ value: s, label: s ? t(`vc.status.claim.${s}`) : t('common.all') }))}
        />
      </div>
      {claims.error && <Alert type="error" showIcon role="alert" title={claims.error.message} />}
      {claims.isPending && <Spin />}
      {claims.data?.items.length === 0 && <Empty description={a('claimsEmpty')} />}
      <div className="vc-grid">
        {claims.data?.items.map((c) => (
          <Card key={c.id} size="small" data-testid="claim-card" data-claim={c.claimNo}>
            <div className="kft-title-row">
              <h3 style={{ margin: 0, fontSize: 15 }}>{c.claimNo}</h3>
              <StatusTag kind="claim" status={claimTagStatus(c)} />
            </div>
            <p className="kft-meta" style={{ margin: '4px 0' }}>
              {c.scheme.name} · {c.voucher.voucherNo} · {fmtStamp(c.submittedAt)}
            </p>
            <p style={{ margin: '4px 0' }}>
              {t('vc.field.provider')}
              {t('vc.colon')}
              {c.provider.name}
              {t('vc.semi')}
              {t('vc.field.holder')}
              {t('vc.colon')}
              {c.holder.name}
              {t('vc.semi')}
              {t('vc.field.claimAmount')}
              {t('vc.colon')}
              <strong>{yuan(c.amountFen)}</strong>
            </p>
            <div className="kft-meta">
              {a('orderNo', { no: c.evidence.orderNo })}
              {c.evidence.title ? ` · ${c.evidence.title}` : ''} · {a('orderTotal', { total: yuan(c.evidence.totalFen), voucher: yuan(c.evidence.voucherFen) })}
            </div>
            <ul className="vc-evidence" data-testid="claim-evidence" aria-label={t('vc.field.evidence')}>
              <Doc label={a('contract')} doc={c.evidence.contract} />
              <li>
                {a('invoice')}
                {t('vc.colon')}
                {c.evidence.invoiceNo ?? '—'}
              </li>
              <Doc label={a('paymentProof')} doc={c.evidence.paymentProof} />
              <li>
                {a('deliverables')}
                {t('vc.colon')}
                {c.evidence.deliverables.length
                  ? c.evidence.deliverables.map((d, i) => (
                      <span key={`${d.name} ${d.url ?? ''}`}>
                        {i > 0 && t('vc.enum')}
                        {d.url ? (
                          <a href={d.url} target="_blank" rel="noreferrer noopener">
                            {d.name}
                          </a>
                        ) : (
                          d.name
                        )}
                      </span>
                    ))
                  : '—'}
              </li>
            </ul>
            {c.returnReason && (
              <p className="kft-meta">
                {t('vc.field.reason')}
                {t('vc.colon')}
                {c.returnReason}
              </p>
            )}
            {c.noticeUntil && (
              <p className="kft-meta">
                {t('vc.field.noticeUntil')}
                {t('vc.colon')}
                {fmtStampLabelled(c.noticeUntil)}
                {c.status === 'in_notice' && c.noticeState === 'ended' && ` · ${a('noticeEndedHint')}`}
                {c.objections > 0 && ` · ${a('objections', { n: c.objections })}`}
              </p>
            )}
            {c.objections > 0 && c.can.seeObjections && <Objections claim={c} />}
            <Space wrap>
              {c.can.review && (
                <>
                  <Button type="primary" onClick={() => approve.mutate(c.id)} loading={approve.isPending && approve.variables === c.id}>
                    {a('approveClaim')}
                  </Button>
                  <Button onClick={() => setActing({ claim: c, action: 'return' })}>{a('returnClaim')}</Button>
                </>
              )}
              {c.can.reject && (
                <Button danger onClick={() => setActing({ claim: c, action: 'reject' })}>
                  {a('rejectClaim')}
                </Button>
              )}
            </Space>
          </Card>
        ))}
      </div>
      {acting && <ReasonModal a={acting} onClose={() => setActing(null)} />}
    </div>
  );
}
