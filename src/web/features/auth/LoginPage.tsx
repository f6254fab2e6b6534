import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAuth, useTitle } from '../../shell/context';

interface DemoAccounts { password: string | null; accounts: { username: string; role: string }[] }

export default function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState<DemoAccounts | null>(null);
  const [form] = Form.useForm<{ username: string; password: string }>();
  useTitle(t('login.title'));
  // the demo accounts, only when the server is in demo mode (otherwise the list is empty)
  useEffect(() => { api<DemoAccounts>('/api/v1/auth/demo-accounts').then(setDemo).catch(() => setDemo(null)); }, []);
  const next = sp.get('next');
  const safeNext = next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';

  async function onFinish(v: { username: string; password: string }) {
    setBusy(true); setError(null);
    try {
      await login(v.username.trim(), v.password);
      message.success(t('login.success'));
      navigate(safeNext, { replace: true });
    } catch (e) {
      setError((e as Error).message);
    } finally { setBusy(false); }
  }

  return (
    <div style={{ maxWidth: 420, margin: '24px auto' }}>
      <Card>
        <Typography.Title level={1} className="kft-page-title">{t('login.title')}</Typography.Title>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('common.required', { field: t('login.username') }) }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
        </Form>
        {demo?.password && demo.accounts.length > 0 && (
          <section className="kft-demo-accounts" aria-labelledby="demo-accounts-title" data-testid="demo-accounts">
            <h2 id="demo-accounts-title" className="kft-card-title">{t('login.demoTitle')}</h2>
            <p className="kft-meta">{t('login.demoHelp', { password: demo.password })}</p>
            <ul>
              {demo.accounts.map((a) => (
                <li key={a.username} data-testid="demo-account">
                  <Button type="link" size="small" className="kft-demo-user" onClick={() => form.setFieldsValue({ username: a.username, password: demo.password ?? '' })}>{a.username}</Button>
                  <span>
                    <span className="kft-demo-role">{t(`role.${a.role}`, { defaultValue: a.role })}</span>
                    {t(`login.demoNote.${a.username}`, { defaultValue: '' }) && <span className="kft-meta">{t('login.demoNoteSep')}{t(`login.demoNote.${a.username}`)}</span>}
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
