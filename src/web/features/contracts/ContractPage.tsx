/**
 * /contracts/:id — one contract: its state on the way to registration, the clock (deadline, working days left),
 * the seller's form while it is a draft or returned, the station's steps, experts and opinions, and once
 * registered the number, the certificate and the verification link.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Input, Modal, Result, Select, Space, Spin, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import { fmtFull, yuan } from '../../lib/time';
import { CONTRACT_FLOW, type Contract, contractKeys, contractQuery, contractSteps, updateContract } from './api';
import { ContractForm } from './components/ContractForm';
import { ContractStatusTag, Deadline } from './components/shared';
import { DocumentCard } from './components/DocumentCard';
import { ChangesCard } from './components/ChangesCard';

type Ask = { kind: 'requestCorrection' | 'reject' | 'assignExperts' | 'recordOpinion' } | null;

export default function ContractPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery(contractQuery(id));
  const c = q.data;
  useTitle(c?.projectName ?? t('ctr.title'));
  const [ask, setAsk] = useState<Ask>(null);
  const [text, setText] = useState('');
  const [expertId, setExpertId] = useState<number | null>(null);
  const [conclusion, setConclusion] = useState<'register' | 'reject'>('register');
  const [error, setError] = useState<string | null>(null);
  const done = (next: Contract) => {
    qc.setQueryData(contractKeys.one(id), next);
    void qc.invalidateQueries({ queryKey: ['contracts', 'list'] });
    setError(null);
  };
  const step = useMutation({
    mutationFn: (run: () => Promise<Contract>) => run(),
    onSuccess: done,
    onError: (e) => setError(e.message),
  });
  const save = useMutation({ mutationFn: (b: Parameters<typeof updateContract>[1]) => updateContract(id, b), onSuccess: done });
  const submit = useMutation({ mutationFn: () => contractSteps.submit(id), onSuccess: done });

  if (q.isPending)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!c) return <Result status="404" title="404" subTitle={q.error?.message} />;

  const decided = c.status === 'registered' || c.status === 'rejected' || c.status === 'cancelled';
  const flow = CONTRACT_FLOW.filter((s) => s !== 'expert_review' || c.expertRequired);
  // a cancelled contract was registered first: the flow shows it complete, the tag and the changes card say cancelled
  const at =
    c.status === 'needs_correction'
      ? flow.indexOf('submitted')
      : c.status === 'rejected' || c.status === 'cancelled'
        ? flow.length - 1
        : flow.indexOf(c.status);
  const open = (a: NonNullable<Ask>, expert?: number) => {
    setText('');
    if (expert != null) setExpertId(expert);
    setAsk(a);
  };
  const confirmAsk = () => {
    if (!ask) return;
    const run =
      ask.kind === 'requestCorrection'
        ? () => contractSteps.requestCorrection(id, text)
        : ask.kind === 'reject'
          ? () => contractSteps.reject(id, text)
          : ask.kind === 'assignExperts'
            ? () =>
                contractSteps.assignExperts(
                  id,
                  text
                    .split(/[,，\s]+/)
                    .map(Number)
                    .filter((n) => n > 0),
                )
            : () => contractSteps.recordOpinion(id, expertId ?? 0, conclusion, text);
    step.mutate(run, { onSettled: () => setAsk(null) });
  };

  return (
    <div>
      <Link to="/contracts">{t('ctr.title')}</Link>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography.Title level={1} className="kft-page-title" style={{ margin: '8px 0' }}>
          {c.projectName ?? `#${c.id}`}
        </Typography.Title>
        <ContractStatusTag status={c.status} />
      </div>
      <Steps
        size="small"
        current={at}
        status={c.status === 'rejected' ? 'error' : c.status === 'needs_correction' ? 'wait' : c.status === 'registered' ? 'finish' : 'process'}
        items={flow.map((s) => ({ title: s === 'registered' && c.status === 'rejected' ? t('ctr.status.rejected') : t(`ctr.steps.${s}`) }))}
        style={{ margin: '12px 0', overflowX: 'auto' }}
        responsive={false}
        data-testid="contract-steps"
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" size={4}>
          {c.station && <span>{t('ctr.station', { name: c.station.name })}</span>}
          {decided ? (
            // a decided contract's clock has stopped: say when it was decided, the time limit only for reference
            <span data-testid="contract-decided">
              {c.status === 'registered' && c.registeredAt
                ? t('ctr.registeredOn', { date: fmtFull(c.registeredAt) })
                : t(c.status === 'cancelled' ? 'ctr.closedCancelled' : 'ctr.closedRejected')}
              {c.deadline && <span className="kft-meta">{` · ${t('ctr.deadlineWas', { date: c.deadline })}`}</span>}
            </span>
          ) : (
            <>
              {c.deadline ? <Deadline c={c} /> : <span className="kft-meta">{t('ctr.noDeadline')}</span>}
              <span className="kft-meta">{t('ctr.clockNote')}</span>
            </>
          )}
          {c.expertRequired && c.status !== 'registered' && <span>{t('ctr.expertRequired')}</span>}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="contract-error" />}
      {c.correctionNote && <Alert type="warning" showIcon title={t('ctr.correctionNote', { note: c.correctionNote })} style={{ marginBottom: 12 }} />}
      {c.rejectReason && <Alert type="error" showIcon title={t('ctr.rejectReason', { reason: c.rejectReason })} style={{ marginBottom: 12 }} />}
      {c.registrationNumber && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="contract-registered">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('ctr.registrationNumber')}>
              <strong data-testid="registration-number">{c.registrationNumber}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('ctr.taxReliefs')}>{c.taxReliefs.map((r) => t(`ctr.relief.${r}`)).join('；') || '—'}</Descriptions.Item>
          </Descriptions>
          <Space wrap>
            {/* a cancelled registration has no certificate any more (the route answers 409); the number still verifies */}
            {c.status === 'registered' && (
              <a href={`/api/v1/contracts/${c.id}/certificate.pdf`} data-testid="certificate-link">
                <Button type="primary">{t('ctr.certificate')}</Button>
              </a>
            )}
            <Link to={`/contracts/verify/${encodeURIComponent(c.registrationNumber)}`} data-testid="verify-link">
              {t('ctr.verifyLink')}
            </Link>
          </Space>
        </Card>
      )}
      {(c.status === 'registered' || c.status === 'cancelled') && <ChangesCard c={c} />}
      {(c.can.accept || c.can.requestCorrection || c.can.startReview || c.can.assignExperts || c.can.recordOpinion || c.can.register || c.can.reject) && (
        <Space wrap style={{ marginBottom: 12 }} data-testid="station-actions">
          {c.can.accept && (
            <Button type="primary" onClick={() => step.mutate(() => contractSteps.accept(id))} loading={step.isPending} data-testid="step-accept">
              {t('ctr.accept')}
            </Button>
          )}
          {c.can.startReview && (
            <Button type="primary" onClick={() => step.mutate(() => contractSteps.startReview(id))} loading={step.isPending} data-testid="step-startReview">
              {t('ctr.startReview')}
            </Button>
          )}
          {c.can.register && (
            <Button type="primary" onClick={() => step.mutate(() => contractSteps.register(id))} loading={step.isPending} data-testid="step-register">
              {t('ctr.register')}
            </Button>
          )}
          {c.can.assignExperts && (
            <Button onClick={() => open({ kind: 'assignExperts' })} data-testid="step-assignExperts">
              {t('ctr.assignExperts')}
            </Button>
          )}
          {c.can.recordOpinion && c.experts.length > 0 && (
            <Button onClick={() => open({ kind: 'recordOpinion' }, c.experts[0].expertId)} data-testid="step-recordOpinion">
              {t('ctr.recordOpinion')}
            </Button>
          )}
          {c.can.requestCorrection && (
            <Button onClick={() => open({ kind: 'requestCorrection' })} data-testid="step-requestCorrection">
              {t('ctr.requestCorrection')}
            </Button>
          )}
          {c.can.reject && (
            <Button danger onClick={() => open({ kind: 'reject' })} data-testid="step-reject">
              {t('ctr.reject')}
            </Button>
          )}
        </Space>
      )}
      {c.experts.length > 0 && (
        <Card size="small" title={t('ctr.experts')} style={{ marginBottom: 12 }}>
          {c.experts.map((e) => (
            <div key={e.expertId} style={{ marginBottom: 6 }}>
              <strong>{e.expertName}</strong>{' '}
              {e.conclusion && <Tag color={e.conclusion === 'register' ? 'green' : 'red'}>{t(`ctr.conclusion.${e.conclusion}`)}</Tag>}
              <div className="kft-meta">{e.opinion ?? t('ctr.noOpinion')}</div>
            </div>
          ))}
        </Card>
      )}
      {c.can.confirm && (
        <Alert
          type="warning"
          showIcon
          title={t('ctl.confirm.banner')}
          action={
            <Link to={`/contracts/${c.id}/confirm`} data-testid="go-confirm">
              {t('ctl.confirm.go')}
            </Link>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {c.status === 'submitted' && c.buyerConfirmation.required && !c.buyerConfirmation.answer && !c.can.confirm && (
        <Alert type="info" showIcon title={t('ctl.confirm.awaiting')} style={{ marginBottom: 12 }} data-testid="awaiting-buyer" />
      )}
      <DocumentCard c={c} />
      {c.can.edit ? (
        <Card>
          {c.missing.length > 0 && <Alert type="info" showIcon title={t('ctr.missing', { n: c.missing.length })} style={{ marginBottom: 12 }} />}
          <ContractForm
            key={c.version}
            contract={c}
            onSave={(b) => save.mutateAsync(b)}
            onSubmit={() => submit.mutateAsync()}
            busy={save.isPending || submit.isPending}
          />
        </Card>
      ) : (
        <Card size="small">
          <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
            <Descriptions.Item label={t('ctr.form.contractType')}>
              {c.contractType ? t(`ctr.type.${c.contractType}`) : '—'}
              {c.subType ? ` · ${t(`ctr.subType.${c.subType}`)}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('ctr.form.signedOn')}>{c.signedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.form.seller')}>{`${c.seller.name ?? ''} ${c.seller.uscc ?? ''}`}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.form.buyer')}>{`${c.buyer.name ?? ''} ${c.buyer.uscc ?? ''}`}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.form.amountFen')}>{c.amountFen == null ? '—' : yuan(c.amountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.form.techAmountFen')}>{c.techAmountFen == null ? '—' : yuan(c.techAmountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.form.techField')}>{c.techField ? t(`ctr.field.${c.techField}`) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.form.validUntil')}>{`${c.validFrom ?? ''} ~ ${c.validUntil ?? ''}`}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      <Modal
        open={!!ask}
        title={ask ? t(`ctr.${ask.kind}`) : ''}
        okText={t('ctr.confirm')}
        cancelText={t('ctr.cancel')}
        onOk={confirmAsk}
        onCancel={() => setAsk(null)}
        confirmLoading={step.isPending}
      >
        {ask?.kind === 'recordOpinion' && (
          <Space wrap style={{ marginBottom: 8 }}>
            <Select
              value={expertId}
              onChange={setExpertId}
              options={c.experts.map((e) => ({ value: e.expertId, label: e.expertName }))}
              style={{ minWidth: 160 }}
            />
            <Select
              value={conclusion}
              onChange={setConclusion}
              options={(['register', 'reject'] as const).map((v) => ({ value: v, label: t(`ctr.conclusion.${v}`) }))}
              style={{ minWidth: 140 }}
            />
          </Space>
        )}
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          aria-label={ask?.kind === 'assignExperts' ? t('ctr.expertIds') : ask?.kind === 'recordOpinion' ? t('ctr.opinion') : t('ctr.reason')}
          placeholder={ask?.kind === 'assignExperts' ? t('ctr.expertIds') : ask?.kind === 'recordOpinion' ? t('ctr.opinion') : t('ctr.reason')}
          data-testid="ask-text"
        />
      </Modal>
    </div>
  );
}
