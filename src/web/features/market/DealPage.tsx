/** /deals/:id — one deal thread: messages of both sides, a reply box, 同意成交 and 撤回 with a reason. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Input, Modal, Popconfirm, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { useAuth, useTitle } from '../../shell/context';
import { SignInPrompt } from '../../shell/SignedIn';
import { DealStatusTag, fmtDateTime, hrefOf } from './shared';
import { agreeToDeal, dealQuery, replyToDeal, withdrawDeal, type Deal } from './api';
import './market.css';

export default function DealPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { user, ready } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const query = dealQuery(Number(id));
  const { data: deal, error } = useQuery({ ...query, enabled: !!user });
  const [reply, setReply] = useState('');
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  const [reason, setReason] = useState('');
  // a write's answer is the deal as it now stands
  const took = (r: Deal) => qc.setQueryData(query.queryKey, r);
  const send = useMutation({
    mutationFn: () => replyToDeal(deal!.id, reply.trim()),
    onSuccess: (r) => {
      setReply('');
      took(r);
    },
  });
  const replyError = send.error ? (send.error.fields?.length ? send.error.fields.map((f) => f.message).join(t('common.msgSep')) : send.error.message) : null;
  const sending = send.isPending;
  const decide = useMutation({
    mutationFn: (action: 'agree' | 'withdraw') => (action === 'agree' ? agreeToDeal(deal!.id) : withdrawDeal(deal!.id, reason.trim())),
    onSuccess: (r, action) => {
      message.success(t(`mk.deal.done.${action}`));
      setWithdrawOpen(false);
      setReason('');
      took(r);
    },
    onError: (e) => message.error(e.message),
  });
  const busy = decide.isPending ? decide.variables : null;
  const act = (action: 'agree' | 'withdraw') => decide.mutate(action);
  useTitle(deal ? t('mk.deal.title', { title: deal.subject.title }) : t('common.loading'));

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
        status={error.status === 404 ? '404' : error.status === 403 ? '403' : 'error'}
        title={error.status === 404 ? '404' : t('common.error')}
        subTitle={error.message}
        extra={<Link to="/deals">{t('mk.deals.title')}</Link>}
      />
    );
  if (!deal)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );

  const open = deal.status === 'inquiry' || deal.status === 'negotiating';
  const mine = deal.mySide;
  const iAgreed = mine === 'initiator' ? deal.agreedByInitiator : mine === 'counterpart' ? deal.agreedByCounterpart : false;

  type Side = Deal['messages'][number]['side'];
  const sideName = (side: Side) => (side === 'initiator' ? deal.initiator.name : deal.counterpart.name);
  const agreeLine = (side: Side, agreed: boolean) => (
    <span data-testid={`agreed-${side}`} data-agreed={agreed ? 'true' : 'false'}>
      {agreed ? '✓ ' : '○ '}
      {t('mk.deal.agreeState', { name: sideName(side), state: agreed ? t('mk.deal.agreedYes') : t('mk.deal.agreedNo') })}
    </span>
  );

  return (
    <div>
      <div className="kft-toolbar">
        <div>
          <div className="kft-title-row">
            <Tag color={deal.kind === 'inquiry' ? 'blue' : 'orange'}>{t(`mk.dealKind.${deal.kind}`)}</Tag>
            <Typography.Title level={1} className="kft-page-title" data-testid="deal-title">
              {deal.subject.title}
            </Typography.Title>
            <DealStatusTag status={deal.status} />
          </div>
          <div className="kft-meta" style={{ marginTop: 4 }}>
            <Link to={hrefOf(deal.subject.kind, deal.subject.id)} className="kft-meta-link">
              {t(`mk.deal.subjectLink.${deal.subject.kind}`)}
            </Link>
          </div>
        </div>
        <Space wrap>
          <Link to="/deals">{t('mk.deals.title')}</Link>
        </Space>
      </div>
      {deal.status === 'agreed' && (
        <Alert
          type="success"
          showIcon
          style={{ margin: '8px 0' }}
          title={t('mk.deal.agreedBanner')}
          action={
            // the seller registers: the achievement's owner on an inquiry, the one who offered on a demand
            mine === (deal.kind === 'inquiry' ? 'counterpart' : 'initiator') ? (
              <Link to={`/contracts/new?dealId=${deal.id}`} data-testid="deal-register-contract">
                {t('mk.deal.registerContract')}
              </Link>
            ) : undefined
          }
        />
      )}
      {deal.status === 'withdrawn' && (
        <Alert type="warning" showIcon style={{ margin: '8px 0' }} title={t('mk.deal.withdrawnBanner', { reason: deal.withdrawnReason ?? '—' })} />
      )}
      {!mine && <Alert type="info" showIcon style={{ margin: '8px 0' }} title={t('mk.deal.readOnly')} />}
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={24} lg={16}>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.deal.messages')}</h2>}>
            <ol className="kft-thread" data-testid="deal-messages">
              {deal.messages.map((m) => (
                <li key={m.id} className={`kft-msg${m.side === mine ? ' kft-msg-mine' : ''}`} data-testid="deal-message-item" data-side={m.side}>
                  <div className="kft-msg-head">{[m.orgName, m.authorName, fmtDateTime(m.createdAt, en)].filter(Boolean).join(' · ')}</div>
                  <p className="kft-msg-body">{m.body}</p>
                </li>
              ))}
            </ol>
            {mine && open && (
              <form
                style={{ marginTop: 16 }}
                onSubmit={(e) => {
                  e.preventDefault();
                  if (reply.trim()) send.mutate();
                }}
              >
                {replyError && <Alert type="error" showIcon title={replyError} style={{ marginBottom: 8 }} role="alert" />}
                <Input.TextArea
                  rows={3}
                  maxLength={2000}
                  value={reply}
                  onChange={(e) => setReply(e.target.value)}
                  aria-label={t('mk.deal.reply')}
                  placeholder={t('mk.deal.replyPlaceholder')}
                  data-testid="reply-input"
                />
                <Button type="primary" htmlType="submit" loading={sending} disabled={!reply.trim()} style={{ marginTop: 8 }} data-testid="reply-send">
                  {t('mk.deal.sendReply')}
                </Button>
              </form>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.deal.parties')}</h2>}>
            <Descriptions column={1} size="small" styles={{ label: { width: 80 } }}>
              <Descriptions.Item label={t('mk.deal.initiator')}>
                <Link to={`/orgs/${deal.initiator.orgId}`}>{deal.initiator.name}</Link>
                {mine === 'initiator' && <Tag style={{ marginLeft: 6 }}>{t('mk.deal.us')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.deal.counterpart')}>
                <Link to={`/orgs/${deal.counterpart.orgId}`}>{deal.counterpart.name}</Link>
                {mine === 'counterpart' && <Tag style={{ marginLeft: 6 }}>{t('mk.deal.us')}</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.deal.startedAt')}>{fmtDateTime(deal.createdAt, en)}</Descriptions.Item>
            </Descriptions>
            <div className="kft-agree" style={{ marginTop: 8 }} data-testid="agreement">
              {agreeLine('initiator', deal.agreedByInitiator)}
              {agreeLine('counterpart', deal.agreedByCounterpart)}
            </div>
            {mine && open && (
              <Space wrap style={{ marginTop: 12 }}>
                <Popconfirm
                  title={t('mk.deal.agreeConfirm')}
                  okText={t('mk.deal.agree')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => act('agree')}
                  disabled={iAgreed}
                >
                  <Button type="primary" disabled={iAgreed} loading={busy === 'agree'} data-testid="deal-agree">
                    {iAgreed ? t('mk.deal.youAgreed') : t('mk.deal.agree')}
                  </Button>
                </Popconfirm>
                <Button danger onClick={() => setWithdrawOpen(true)} data-testid="deal-withdraw">
                  {t('mk.deal.withdraw')}
                </Button>
              </Space>
            )}
            <p className="kft-meta" style={{ margin: '8px 0 0' }}>
              {t('mk.deal.agreeHelp')}
            </p>
          </Card>
        </Col>
      </Row>
      <Modal
        open={withdrawOpen}
        onCancel={() => setWithdrawOpen(false)}
        title={t('mk.deal.withdrawTitle')}
        okText={t('mk.deal.withdraw')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, 'data-testid': 'confirm-withdraw' } as never}
        confirmLoading={busy === 'withdraw'}
        onOk={() => act('withdraw')}
        destroyOnHidden
      >
        <p className="kft-meta">{t('mk.deal.withdrawHelp')}</p>
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t('mk.deal.withdrawReason')}
          data-testid="withdraw-reason"
        />
      </Modal>
    </div>
  );
}
