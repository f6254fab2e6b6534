/** 忘记密码: the same answer whether or not the account exists (the server sends mail only when it does). */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import { requestReset } from './api';
import { rules, showServerErrors } from './forms';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ login: string }>();
  const [error, setError] = useState<string | null>(null);
  useTitle(t('reg.forgot.title'));
  const ask = useMutation({ mutationFn: (v: { login: string }) => requestReset(v.login.trim()) });
  if (ask.isSuccess)
    return (
      <Result
        status="success"
        title={<h1 className="kft-result-title">{t('reg.forgot.doneTitle')}</h1>}
        subTitle={t('reg.forgot.doneText')}
        data-testid="reset-requested"
      />
    );
  return (
    <div style={{ maxWidth: 460, margin: '24px auto' }}>
      <Card>
        <Typography.Title level={1} className="kft-page-title">
          {t('reg.forgot.title')}
        </Typography.Title>
        <Typography.Paragraph className="kft-meta">{t('reg.forgot.intro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            setError(null);
            try {
              await ask.mutateAsync(v);
            } catch (e) {
              setError(showServerErrors(form, e, ['login']));
            }
          }}
        >
          <Form.Item name="login" label={t('reg.field.login')} rules={[rules(t).required('login')]}>
            <Input autoComplete="username" maxLength={254} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={ask.isPending}>
            {t('reg.forgot.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
