/** /invitations/:token: who invites to which organization; the colleague sets up the account and joins. */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import { fmtFull } from '../../lib/time';
import { acceptInvitation, type AcceptBody, invitationQuery } from './api';
import { rules, showServerErrors } from './forms';

export default function InvitationPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const [form] = Form.useForm<AcceptBody & { repeat: string }>();
  const [error, setError] = useState<string | null>(null);
  const r = rules(t);
  useTitle(t('reg.invitation.title'));
  const inv = useQuery(invitationQuery(token));
  const accept = useMutation({ mutationFn: ({ repeat: _r, ...body }: AcceptBody & { repeat: string }) => acceptInvitation(token, body) });

  if (inv.isPending)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (inv.isError)
    return <Result status="warning" title={<h1 className="kft-result-title">{t('reg.invitation.invalidTitle')}</h1>} subTitle={inv.error.message} />;
  if (accept.data)
    return (
      <Result
        status="success"
        title={<h1 className="kft-result-title">{t('reg.invitation.doneTitle', { orgName: inv.data.orgName })}</h1>}
        subTitle={t('reg.invitation.doneText', { username: accept.data.username })}
        extra={<Link to="/login">{t('reg.verify.toLogin')}</Link>}
        data-testid="invitation-accepted"
      />
    );
  return (
    <div style={{ maxWidth: 460, margin: '24px auto' }}>
      <Card>
        <Typography.Title level={1} className="kft-page-title">
          {t('reg.invitation.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('reg.invitation.intro', { inviter: inv.data.invitedByName ?? '', orgName: inv.data.orgName })}</Typography.Paragraph>
        <Typography.Paragraph className="kft-meta">{t('reg.invitation.expires', { time: fmtFull(inv.data.expiresAt) })}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ displayName: inv.data.displayName }}
          onFinish={async (v) => {
            setError(null);
            try {
              await accept.mutateAsync(v);
            } catch (e) {
              setError(showServerErrors(form, e, ['username', 'displayName', 'password']));
            }
          }}
        >
          <Form.Item label={t('reg.field.email')}>
            <Input value={inv.data.email} disabled />
          </Form.Item>
          <Form.Item name="displayName" label={t('reg.field.displayName')} rules={[r.required('displayName')]}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name="username" label={t('reg.field.username')} rules={r.username}>
            <Input maxLength={32} autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('reg.field.password')} rules={r.password()}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="repeat" label={t('reg.field.repeat')} dependencies={['password']} rules={r.repeat('password')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={accept.isPending}>
            {t('reg.invitation.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
