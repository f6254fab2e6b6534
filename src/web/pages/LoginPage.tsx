import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useTitle } from '../context';

export default function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useTitle(t('login.title'));
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
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('form.required', { field: t('login.username') }) }]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('form.required', { field: t('login.password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
        </Form>
        <Typography.Paragraph className="kft-meta" style={{ marginTop: 12, marginBottom: 0 }}>{t('login.hint')}</Typography.Paragraph>
      </Card>
    </div>
  );
}
