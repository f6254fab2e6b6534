import { useNavigate, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { demoAccountsQuery } from './api';
import { SsoButton, SsoError } from './SsoSignIn';
import { useAuth, useTitle } from '../../shell/context';

export default function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ username: string; password: string }>();
  useTitle(t('login.title'));
  // the demo accounts, only when the server is in demo mode (otherwise the list is empty)
  const demo = useQuery(demoAccountsQuery).data ?? null;
  const signIn = useMutation({
    mutationFn: (v: { username: string; password: string }) => login(v.username.trim(), v.password),
    onSuccess: () => {
      message.success(t('login.success'));
      navigate(safeNext, { replace: true });
    },
  });
  const error = signIn.error?.message ?? null;
  const busy = signIn.isPending;
  const next = sp.get('next');
  const safeNext = next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';

  const onFinish = (v: { username: string; password: string }) => signIn.mutate(v);

  return (
    <div style={{ maxWidth: 420, margin: '24px auto' }}>
      <Card>
        <Typography.Title level={1} className="kft-page-title">
          {t('login.title')}
        </Typography.Title>
        <SsoError code={sp.get('sso_error')} />
        <SsoButton next={safeNext} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('common.required', { field: t('login.username') }) }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
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
