/** 机构成员 (/org/members): the organization's colleagues, the open invitations, and the form to invite one more. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, List, Result, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useTitle } from '../../shell/context';
import { fmtFull } from '../../lib/time';
import { invite, membersQuery, regKeys, revokeInvitation } from './api';
import { rules, showServerErrors } from './forms';

export default function MembersPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const orgId = user?.orgId ?? 0;
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ email: string; displayName: string }>();
  const [error, setError] = useState<string | null>(null);
  const r = rules(t);
  useTitle(t('reg.members.title'));
  const members = useQuery({ ...membersQuery(orgId), enabled: !!orgId });
  const refresh = () => qc.invalidateQueries({ queryKey: regKeys.members(orgId) });
  const send = useMutation({ mutationFn: (v: { email: string; displayName: string }) => invite(orgId, v) });
  const revoke = useMutation({
    mutationFn: (id: number) => revokeInvitation(orgId, id),
    onSuccess: () => {
      message.success(t('reg.members.revoked'));
      return refresh();
    },
  });

  if (!orgId) return <Result status="403" title="403" subTitle={t('reg.members.forbidden')} />;
  if (members.isPending)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (members.isError) return <Alert type="error" showIcon title={members.error.message} role="alert" />;
  const m = (k: string, o?: Record<string, unknown>) => t(`reg.members.${k}`, o);
  return (
    <div style={{ maxWidth: 860 }}>
      <Typography.Title level={1} className="kft-page-title">
        {m('title')} · {members.data.orgName}
      </Typography.Title>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card title={<h2 className="kft-card-title">{m('colleagues')}</h2>}>
          <List
            data-testid="colleagues"
            dataSource={members.data.members}
            renderItem={(p) => (
              <List.Item>
                <List.Item.Meta title={p.displayName} description={p.email ?? ''} />
              </List.Item>
            )}
          />
        </Card>
        <Card title={<h2 className="kft-card-title">{m('invitations')}</h2>}>
          <List
            data-testid="invitations"
            locale={{ emptyText: m('none') }}
            dataSource={members.data.invitations}
            renderItem={(i) => (
              <List.Item
                actions={[
                  <Button key="revoke" size="small" onClick={() => revoke.mutate(i.id)} loading={revoke.isPending && revoke.variables === i.id}>
                    {m('revoke')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={`${i.displayName} <${i.email}>`}
                  description={[i.invitedByName ? m('invitedBy', { name: i.invitedByName }) : '', m('expires', { time: fmtFull(i.expiresAt) })]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </List.Item>
            )}
          />
        </Card>
        <Card title={<h2 className="kft-card-title">{m('invite')}</h2>}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
          <Form
            form={form}
            layout="inline"
            onFinish={async (v) => {
              setError(null);
              try {
                const sent = await send.mutateAsync(v);
                message.success(m('sent', { email: sent.invitation.email }));
                form.resetFields();
                await refresh();
              } catch (e) {
                setError(showServerErrors(form, e, ['email', 'displayName']));
              }
            }}
          >
            <Form.Item name="displayName" label={t('reg.field.displayName')} rules={[r.required('displayName')]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="email" label={t('reg.field.email')} rules={r.email()}>
              <Input maxLength={254} style={{ width: 240 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={send.isPending}>
              {m('send')}
            </Button>
          </Form>
        </Card>
      </Space>
    </div>
  );
}
