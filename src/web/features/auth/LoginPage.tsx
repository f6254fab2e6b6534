import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { demoAccountsQuery } from './api';
import { SsoButton, SsoError } from './SsoSignIn';
import { useAuth, useTitle } from '../../shell/context';

interface Values {
  username: string;
  password: string;
  code?: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // the server asked for the second factor (401 totp_required): the 动态口令 field shows, and stays for a retry
  const [needCode, setNeedCode] = useState(false);
  useTitle(t('login.title'));
  // the demo accounts, only when the server is in demo mode (otherwise the list is empty)
  const demo = useQuery(demoAccountsQuery).data ?? null;
  const signIn = useMutation({
    mutationFn: (v: Values) => login(v.username.trim(), v.password, needCode ? v.code?.trim() : undefined),
    onError: (e) => {
      if (e.code === 'totp_required') setNeedCode(true);
      // a wrong code belongs to its field; locked (423) and too many attempts (429) are shown as the server words them (they name the time)
      if (e.code === 'totp_invalid') form.setFields([{ name: 'code', errors: [e.fields[0]?.message ?? e.message] }]);
    },
    onSuccess: () => {
      message.success(t('login.success'));
      navigate(safeNext, { replace: true });
    },
  });
  const failure = signIn.error;
  const error = failure && failure.code !== 'totp_invalid' ? failure.message : null;
  const busy = signIn.isPending;
  const next = sp.get('next');
  const safeNext = next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';

  const onFinish = (v: Values) => signIn.mutate(v);

  return (
    <div style={{ maxWidth: 420, margin: '24px auto' }}>
      <Card>
        <Typography.Title level={1} className="kft-page-title">
          {t('login.title')}
        </Typography.Title>
        <SsoError code={sp.get('sso_error')} />
        <SsoButton next={safeNext} />
        {error && (
          <Alert
            type={failure?.code === 'totp_required' ? 'info' : 'error'}
            showIcon
            title={error}
            style={{ marginBottom: 12 }}
            role="alert"
            data-testid="login-error"
          />
        )}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('common.required', { field: t('login.username') }) }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {needCode && (
            <Form.Item name="code" label={t('login.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('login.codeFormat') }]}>
              <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus data-testid="totp-code" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <p className="kft-login-links" style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12 }}>
          <Link to="/register">{t('reg.login.register')}</Link>
          <Link to="/forgot-password">{t('reg.login.forgot')}</Link>
        </p>
        {demo?.password && demo.accounts.length > 0 && (
          <section className="kft-demo-accounts" aria-labelledby="demo-accounts-title" data-testid="demo-accounts">
            <h2 id="demo-accounts-title" className="kft-card-title">
              {t('login.demoTitle')}
            </h2>
            <p className="kft-meta">{t('login.demoHelp', { password: demo.password })}</p>
            <ul>
              {demo.accounts.map((a) => (
                <li key={a.username} data-testid="demo-account">
                  <Button
                    type="link"
                    size="small"
                    className="kft-demo-user"
                    onClick={() => form.setFieldsValue({ username: a.username, password: demo.password ?? '' })}
                  >
                    {a.username}
                  </Button>
                  <span>
                    <span className="kft-demo-role">{t(`role.${a.role}`, { defaultValue: a.role })}</span>
                    {t(`login.demoNote.${a.username}`, { defaultValue: '' }) && (
                      <span className="kft-meta">
                        {t('login.demoNoteSep')}
                        {t(`login.demoNote.${a.username}`)}
                      </span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </Card>
    </div>
  );
}
