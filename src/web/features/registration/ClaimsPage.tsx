/** 机构认领审核 (/admin/claims): the offices' list of claims, with confirm and reject (a reason the registrant is told). */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { canManage, useAuth, useNames, useTitle } from '../../shell/context';
import { fmtFull } from '../../lib/time';
import { type Claim, type ClaimStatus, claimsQuery, confirmClaim, rejectClaim } from './api';
import { rules, showServerErrors } from './forms';

const STATUSES: ClaimStatus[] = ['pending', 'awaiting_email', 'confirmed', 'rejected'];
const COLOR: Record<ClaimStatus, string> = { awaiting_email: 'default', pending: 'gold', confirmed: 'green', rejected: 'red' };

export default function ClaimsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const names = useNames();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<ClaimStatus | undefined>('pending');
  const [district, setDistrict] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<Claim | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  useTitle(t('reg.claims.title'));
  const list = useQuery({ ...claimsQuery({ status, district, page }), enabled: canManage(user) });
  const done = (key: string) => {
    message.success(t(key));
    void qc.invalidateQueries({ queryKey: ['registration', 'claims'] });
  };
  const confirm = useMutation({ mutationFn: confirmClaim, onSuccess: () => done('reg.claims.confirmed'), onError: (e) => setError(e.message) });
  const reject = useMutation({ mutationFn: (v: { id: number; reason: string }) => rejectClaim(v.id, v.reason), onSuccess: () => done('reg.claims.rejected') });

  if (!canManage(user)) return <Result status="403" title="403" subTitle={t('reg.claims.forbidden')} />;
  const c = (k: string) => t(`reg.claims.${k}`);
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {c('title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>
          {c('filterStatus')}{' '}
          <Select
            aria-label={c('filterStatus')}
            style={{ width: 140 }}
            value={status ?? ''}
            onChange={(v) => {
              setStatus((v || undefined) as ClaimStatus | undefined);
              setPage(1);
            }}
            options={[{ value: '', label: c('all') }, ...STATUSES.map((s) => ({ value: s, label: t(`reg.claim.status.${s}`) }))]}
          />
        </span>
        {user?.role === 'admin' && (
          <span>
            {c('filterDistrict')}{' '}
            <Select
              aria-label={c('filterDistrict')}
              style={{ width: 160 }}
              allowClear
              value={district}
              onChange={(v) => {
                setDistrict(v);
                setPage(1);
              }}
              options={names.currentDivisions.map((d) => ({ value: d.code, label: names.district(d.code) }))}
            />
          </span>
        )}
      </Space>
      {(error || list.error) && <Alert type="error" showIcon title={error ?? list.error?.message} style={{ marginBottom: 12 }} role="alert" />}
      <Table<Claim>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: c('empty') }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          {
            title: c('org'),
            key: 'org',
            render: (_, r) => (
              <div data-testid="claim-org">
                <div>{r.orgName}</div>
                <div className="kft-meta">
                  {r.uscc} · {r.orgId ? c('existing') : c('newOrg')}
                </div>
              </div>
            ),
          },
          {
            title: c('registrant'),
            key: 'who',
            render: (_, r) => (
              <div>
                <div>
                  {r.contactName}（{r.username}）
                </div>
                <div className="kft-meta">
                  {r.email}
                  {r.phone ? ` · ${r.phone}` : ''}
                </div>
              </div>
            ),
          },
          { title: c('district'), key: 'district', render: (_, r) => names.district(r.districtCode) },
          { title: c('submitted'), key: 'at', render: (_, r) => fmtFull(r.createdAt) },
          {
            title: c('status'),
            key: 'status',
            render: (_, r) => (
              <div>
                <Tag color={COLOR[r.status]}>{t(`reg.claim.status.${r.status}`)}</Tag>
                {r.reviewerName && <div className="kft-meta">{t('reg.claims.decidedBy', { name: r.reviewerName })}</div>}
                {r.reason && <div className="kft-meta">{r.reason}</div>}
              </div>
            ),
          },
          {
            title: c('actions'),
            key: 'actions',
            render: (_, r) =>
              r.status === 'pending' ? (
                <Space>
                  <Button type="primary" size="small" loading={confirm.isPending && confirm.variables === r.id} onClick={() => confirm.mutate(r.id)}>
                    {c('confirm')}
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(r)}>
                    {c('reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!rejecting}
        title={rejecting ? t('reg.claims.rejectTitle', { orgName: rejecting.orgName }) : ''}
        okText={c('reject')}
        okButtonProps={{ danger: true, loading: reject.isPending }}
        onCancel={() => setRejecting(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={async (v) => {
            try {
              await reject.mutateAsync({ id: rejecting!.id, reason: v.reason });
              setRejecting(null);
            } catch (e) {
              const rest = showServerErrors(form, e, ['reason']);
              if (rest) setError(rest);
            }
          }}
        >
          <Form.Item
            name="reason"
            label={t('reg.field.reason')}
            extra={c('reasonHelp')}
            rules={[rules(t).required('reason'), { min: 2, message: t('reg.check.required', { field: t('reg.field.reason') }) }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
