/**
 * /contract-reviews — the expert's review page (专家评审): the contracts the signed-in expert is assigned to, open
 * reviews first, each with its summary (parties, type, the two amounts, the buyer's dispute if any, the station's
 * deadline) and the expert's conclusion and opinion, recorded here while the contract is in expert review.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Input, Radio, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import { yuan } from '../../lib/time';
import { ContractStatusTag } from './components/shared';
import { type ExpertReview, myReviewsQuery, recordMyOpinion, reviewsKey } from './lifecycle-api';

function ReviewCard({ r }: { r: ExpertReview }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [conclusion, setConclusion] = useState<'register' | 'reject'>(r.conclusion ?? 'register');
  const [opinion, setOpinion] = useState(r.opinion ?? '');
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => recordMyOpinion(r.id, conclusion, opinion),
    onSuccess: () => {
      setError(null);
      void qc.invalidateQueries({ queryKey: reviewsKey });
    },
    onError: (e) => setError(e.fields.length ? e.fields.map((f) => f.message).join('；') : e.message),
  });
  const amount = (fen: number | null) => (fen == null ? '—' : yuan(fen));
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="review-card"
      data-id={r.id}
      title={
        <Space wrap>
          <span style={{ whiteSpace: 'normal' }}>{r.projectName ?? `#${r.id}`}</span>
          <ContractStatusTag status={r.status} />
          {r.disputed && <Tag color="orange">{t('ctl.review.disputed')}</Tag>}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, sm: 2 }} size="small">
        <Descriptions.Item label={t('ctr.form.contractType')}>
          {r.contractType ? t(`ctr.type.${r.contractType}`) : '—'}
          {r.subType ? ` · ${t(`ctr.subType.${r.subType}`)}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('ctr.form.techField')}>{r.techField ? t(`ctr.field.${r.techField}`) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ctr.form.seller')}>{r.sellerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ctr.form.buyer')}>{r.buyerName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ctr.form.amountFen')}>{amount(r.amountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('ctr.form.techAmountFen')}>{amount(r.techAmountFen)}</Descriptions.Item>
        <Descriptions.Item label={t('ctl.review.station')}>{r.stationName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('ctl.review.deadline')}>{r.deadline ?? '—'}</Descriptions.Item>
      </Descriptions>
      {r.disputeReason && <Alert type="warning" showIcon title={t('ctl.review.disputeReason', { reason: r.disputeReason })} style={{ margin: '8px 0' }} />}
      {r.canOpine ? (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Radio.Group value={conclusion} onChange={(e) => setConclusion(e.target.value)} aria-label={t('ctl.review.conclusion')}>
            <Radio value="register">{t('ctr.conclusion.register')}</Radio>
            <Radio value="reject">{t('ctr.conclusion.reject')}</Radio>
          </Radio.Group>
          <Input.TextArea
            value={opinion}
            onChange={(e) => setOpinion(e.target.value)}
            rows={4}
            aria-label={t('ctl.review.opinion')}
            placeholder={t('ctl.review.opinionHelp')}
            data-testid="review-opinion"
          />
          {error && <Alert type="error" showIcon title={error} data-testid="review-error" />}
          <Button type="primary" onClick={() => save.mutate()} loading={save.isPending} data-testid="review-save">
            {r.conclusion ? t('ctl.review.revise') : t('ctl.review.save')}
          </Button>
        </Space>
      ) : null}
      {r.conclusion && (
        <div style={{ marginTop: 8 }} data-testid="review-recorded" data-conclusion={r.conclusion}>
          <Tag color={r.conclusion === 'register' ? 'green' : 'red'}>{t(`ctr.conclusion.${r.conclusion}`)}</Tag>
          <span className="kft-meta">{t('ctl.review.recordedAt', { at: r.opinedAt ? new Date(r.opinedAt).toLocaleString('zh-CN') : '' })}</span>
          {!r.canOpine && <div>{r.opinion}</div>}
        </div>
      )}
    </Card>
  );
}

export default function ExpertReviewsPage() {
  const { t } = useTranslation();
  useTitle(t('ctl.review.title'));
  const q = useQuery(myReviewsQuery());
  if (q.isPending)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!q.data) return <Result status="error" subTitle={q.error?.message} />;
  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={1} className="kft-page-title" style={{ margin: '8px 0' }}>
        {t('ctl.review.title')}
      </Typography.Title>
      {!q.data.expert ? (
        <Result status="info" title={t('ctl.review.notExpert')} data-testid="reviews-not-expert" />
      ) : (
        <>
          <p className="kft-meta">{t('ctl.review.intro', { name: q.data.expert.name })}</p>
          {q.data.items.length === 0 ? <Empty description={t('ctl.review.empty')} /> : q.data.items.map((r) => <ReviewCard key={r.id} r={r} />)}
        </>
      )}
    </div>
  );
}
