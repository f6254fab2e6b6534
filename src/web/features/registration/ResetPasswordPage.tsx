/** /reset-password?token=…: a new password, with the one-time link from the email. */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import { resetPassword } from './api';
import { rules, showServerErrors } from './forms';

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const [sp] = useSearchParams();
  const token = sp.get('token') ?? '';
  const [form] = Form.useForm<{ password: string; repeat: string }>();
  const [error, setError] = useState<string | null>(token ? null : t('reg.reset.noToken'));
  const r = rules(t);
  useTitle(t('reg.reset.title'));
  const reset = useMutation({ mutationFn: (v: { password: string }) => resetPassword(token, v.password) });
  if (reset.isSuccess)
    return (
      <Result
        status="success"
        title={<h1 className="kft-result-title">{t('reg.reset.doneTitle')}</h1>}
        subTitle={t('reg.reset.doneText')}
        extra={<Link to="/login">{t('reg.verify.toLogin')}</Link>}
        data-testid="password-reset"
      />
    );
  return (
    <div style={{ maxWidth: 460, margin: '24px auto' }}>
      <Card>
        <Typography.Title level={1} className="kft-page-title">
          {t('reg.reset.title')}
        </Typography.Title>
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 12 }}
            role="alert"
            action={<Link to="/forgot-password">{t('reg.reset.again')}</Link>}
          />
        )}
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            setError(null);
            try {
              await reset.mutateAsync(v);
            } catch (e) {
              setError(showServerErrors(form, e, ['password']));
            }
          }}
        >
          <Form.Item name="password" label={t('reg.field.newPassword')} rules={r.password('newPassword')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="repeat" label={t('reg.field.repeat')} dependencies={['password']} rules={r.repeat('password')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={reset.isPending} disabled={!token}>
            {t('reg.reset.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
