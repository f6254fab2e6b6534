/**
 * /vouchers — 我的创新券: the organization's vouchers, each open scheme with whether it qualifies and why not (the
 * checks the server evaluated over the profile), the yearly cap and what is used, an 申领 form, and the applications.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth, useTitle } from '../../shell/context';
import { clearFieldErrors, showFieldErrors } from '../../lib/formErrors';
import { fmtStamp, fmtStampLabelled, toFen, yuan } from '../../lib/time';
import {
  applicationsQuery,
  applyForVoucher,
  eligibilityQuery,
  ownClaimsQuery,
  voucherKeys,
  walletQuery,
  type Application,
  type Claim,
  type Eligibility,
  type Voucher,
} from './api';
import { CheckList, claimTagStatus, StatusTag } from './shared';
import './vouchers.css';

type SchemeItem = Eligibility['items'][number];

function ApplyModal({ item, onClose }: { item: SchemeItem; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ amountFen: number; purpose: string }>();
  const [error, setError] = useState<string[]>([]);
  const send = useMutation({ mutationFn: applyForVoucher });
  const left = Math.max(item.capFen - item.usedThisYearFen, 0);
  return (
    <Modal open title={t('vc.wallet.applyTitle', { name: item.scheme.name })} onCancel={onClose} footer={null} destroyOnHidden>
      <p className="kft-meta">{t('vc.wallet.cap', { cap: yuan(item.capFen), used: yuan(item.usedThisYearFen) })}</p>
      {error.length > 0 && <Alert type="error" showIcon role="alert" title={error.join('；')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onValuesChange={() => clearFieldErrors(form)}
        onFinish={async (v) => {
          setError([]);
          try {
            await send.mutateAsync({ schemeId: item.scheme.id, amountFen: toFen(v.amountFen) ?? 0, purpose: v.purpose ?? '' });
            message.success(t('vc.wallet.applied'));
            await qc.invalidateQueries({ queryKey: voucherKeys.all });
            onClose();
          } catch (e) {
            setError(showFieldErrors(form, e, ['amountFen', 'purpose']));
          }
        }}
      >
        {/* named as the server names it (its errors land here); the value is in 元 until sent */}
        <Form.Item name="amountFen" label={t('vc.field.amountYuan')} initialValue={left ? left / 100 : undefined}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="purpose" label={t('vc.field.purpose')} extra={t('vc.field.purposeHint')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {t('vc.wallet.apply')}
        </Button>
      </Form>
    </Modal>
  );
}

/**
 * The organization's claims, each side its own: as holder, the claims providers filed on its vouchers (what the
 * voucher paid, where the claim stands); as provider, the claims it filed. The counterpart is the other side.
 */
function OwnClaims({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const claims = useQuery(ownClaimsQuery(orgId));
  const w = (k: string) => t(`vc.wallet.${k}`);
  return (
    <Card title={<h2 className="kft-card-title">{w('claims')}</h2>}>
      <p className="kft-meta" style={{ marginTop: 0 }}>
        {w('claimsHelp')}
      </p>
      {claims.error && <Alert type="error" showIcon role="alert" title={claims.error.message} />}
      <div className="kft-table-wrap">
        <Table<Claim>
          data-testid="wallet-claims"
          size="small"
          rowKey="id"
          pagination={false}
          loading={claims.isPending}
          dataSource={claims.data?.items ?? []}
          locale={{ emptyText: w('noClaims') }}
          scroll={{ x: 860 }}
          columns={[
            { title: t('vc.field.claimNo'), dataIndex: 'claimNo' },
            {
              title: w('side'),
              render: (_, c) => (c.holder.orgId === orgId ? <Tag color="blue">{w('asHolder')}</Tag> : <Tag color="purple">{w('asProvider')}</Tag>),
            },
            { title: w('counterpart'), render: (_, c) => (c.holder.orgId === orgId ? c.provider.name : c.holder.name) },
            {
              title: t('vc.field.service'),
              render: (_, c) => <Link to={`/orders/${c.orderId}`}>{c.evidence.title ?? c.evidence.orderNo}</Link>,
            },
            { title: w('orderTotal'), align: 'right', render: (_, c) => yuan(c.evidence.totalFen) },
            { title: t('vc.field.claimAmount'), align: 'right', render: (_, c) => yuan(c.amountFen) },
            { title: t('vc.field.status'), render: (_, c) => <StatusTag kind="claim" status={claimTagStatus(c)} /> },
            {
              title: w('claimNote'),
              render: (_, c) =>
                c.returnReason ??
                (c.noticeState === 'open' && c.noticeUntil
                  ? `${t('vc.field.noticeUntil')} ${fmtStampLabelled(c.noticeUntil)}`
                  : c.paidAt
                    ? fmtStamp(c.paidAt)
                    : '—'),
            },
          ]}
        />
      </div>
    </Card>
  );
}

export default function WalletPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const orgId = user?.role === 'org_member' ? (user.orgId ?? 0) : 0;
  useTitle(t('vc.wallet.title'));
  const wallet = useQuery({ ...walletQuery(orgId), enabled: !!orgId });
  const elig = useQuery({ ...eligibilityQuery, enabled: !!orgId });
  const apps = useQuery({ ...applicationsQuery(''), enabled: !!orgId });
  const [applying, setApplying] = useState<SchemeItem | null>(null);

  if (!orgId) return <Result status="403" title="403" subTitle={t('vc.wallet.memberOnly')} />;
  const error = wallet.error ?? elig.error ?? apps.error;
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('vc.wallet.title')}
      </Typography.Title>
      <p className="kft-meta" style={{ marginTop: 0 }}>
        {t('vc.wallet.help')}
      </p>
      {error && <Alert type="error" showIcon role="alert" title={error.message} />}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<h2 className="kft-card-title">{t('vc.wallet.mine')}</h2>}>
          {wallet.isPending ? (
            <Spin />
          ) : (
            <div className="kft-table-wrap">
              <Table<Voucher>
                data-testid="wallet-vouchers"
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={wallet.data?.items ?? []}
                locale={{ emptyText: t('vc.wallet.none') }}
                scroll={{ x: 640 }}
                columns={[
                  { title: t('vc.field.voucherNo'), dataIndex: 'voucherNo' },
                  { title: t('vc.field.scheme'), render: (_, v) => v.scheme.name },
                  { title: t('vc.field.amount'), align: 'right', render: (_, v) => yuan(v.amountFen) },
                  { title: t('vc.field.balance'), align: 'right', render: (_, v) => yuan(v.balanceFen) },
                  { title: t('vc.field.validUntil'), dataIndex: 'validUntil' },
                  { title: t('vc.field.status'), render: (_, v) => <StatusTag kind="voucher" status={v.status} /> },
                ]}
              />
            </div>
          )}
        </Card>

        <Card title={<h2 className="kft-card-title">{t('vc.wallet.schemes')}</h2>}>
          {elig.isPending && <Spin />}
          {elig.data && elig.data.items.length === 0 && <Empty description={t('vc.wallet.noSchemes')} />}
          <div className="vc-grid">
            {elig.data?.items.map((s) => (
              <Card key={s.scheme.id} size="small" data-testid="scheme-eligibility" data-scheme={s.scheme.name}>
                <div className="kft-title-row">
                  <h3 style={{ margin: 0, fontSize: 15 }}>{s.scheme.name}</h3>
                  <Tag color={s.eligible ? 'green' : 'red'}>{s.eligible ? t('vc.wallet.eligible') : t('vc.wallet.notEligible')}</Tag>
                </div>
                <CheckList checks={s.checks} />
                <p className="kft-meta" style={{ margin: '4px 0' }}>
                  {t('vc.wallet.cap', { cap: yuan(s.capFen), used: yuan(s.usedThisYearFen) })}
                </p>
                {s.openApplication ? (
                  <Tag color="gold">{t('vc.wallet.openApplication')}</Tag>
                ) : (
                  <Button type="primary" disabled={!s.eligible} onClick={() => setApplying(s)}>
                    {t('vc.wallet.apply')}
                  </Button>
                )}
              </Card>
            ))}
          </div>
        </Card>

        <Card title={<h2 className="kft-card-title">{t('vc.wallet.applications')}</h2>}>
          <div className="kft-table-wrap">
            <Table<Application>
              data-testid="wallet-applications"
              size="small"
              rowKey="id"
              pagination={false}
              loading={apps.isPending}
              dataSource={apps.data?.items ?? []}
              locale={{ emptyText: t('vc.wallet.noApplications') }}
              scroll={{ x: 640 }}
              columns={[
                { title: t('vc.field.scheme'), render: (_, a) => a.scheme.name },
                { title: t('vc.field.amount'), align: 'right', render: (_, a) => yuan(a.amountFen) },
                { title: t('vc.field.submittedAt'), render: (_, a) => fmtStamp(a.createdAt) },
                { title: t('vc.field.status'), render: (_, a) => <StatusTag kind="application" status={a.status} /> },
                { title: t('vc.field.reason'), render: (_, a) => a.reason ?? '—' },
              ]}
            />
          </div>
        </Card>
        <OwnClaims orgId={orgId} />
      </Space>
      {applying && <ApplyModal item={applying} onClose={() => setApplying(null)} />}
    </div>
  );
}
