/**
 * 动态口令 (office accounts): 设置 shows the otpauth URI as a QR code and the secret as text, and a code from the
 * app turns it on (启用); once on, a current code turns it off (关闭). A wrong code is shown on the code field.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, QRCode, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFieldErrors } from '../../../lib/formErrors';
import { disableTotp, enableTotp, securityQuery, setUpTotp } from '../api';

function CodeForm({ submit, busy, label, danger }: { submit: (code: string) => Promise<unknown>; busy: boolean; label: string; danger?: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Form
      form={form}
      layout="inline"
      requiredMark={false}
      onFinish={async ({ code }) => {
        setProblem(null);
        try {
          await submit(code.trim());
        } catch (e) {
          const rest = showFieldErrors(form, e, ['code']);
          setProblem(rest.length ? rest.join(t('common.msgSep')) : null);
        }
      }}
    >
      <Form.Item name="code" label={t('acct.totp.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('login.codeFormat') }]}>
        <Input autoComplete="one-time-code" inputMode="numeric" maxLength={6} style={{ width: 120 }} data-testid="totp-input" />
      </Form.Item>
      <Button htmlType="submit" type={danger ? 'default' : 'primary'} danger={danger} loading={busy}>
        {label}
      </Button>
      {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginTop: 8, width: '100%' }} />}
    </Form>
  );
}

export default function TotpCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const security = useQuery(securityQuery).data;
  const setup = useMutation({ mutationFn: setUpTotp, onError: (e) => message.error(e.message) });
  const done = (text: string) => {
    message.success(text);
    setup.reset();
    return qc.invalidateQueries({ queryKey: securityQuery.queryKey });
  };
  const enable = useMutation({ mutationFn: enableTotp, onSuccess: () => done(t('acct.totp.enabled')) });
  const disable = useMutation({ mutationFn: disableTotp, onSuccess: () => done(t('acct.totp.disabled')) });
  if (!security?.totpOffered) return null;
  const on = security.totpEnabled;

  return (
    <Card
      title={<h2 className="kft-card-title">{t('acct.totp.title')}</h2>}
      data-testid="totp-card"
      data-enabled={String(on)}
      extra={<Tag color={on ? 'green' : 'default'}>{on ? t('acct.totp.on') : t('acct.totp.off')}</Tag>}
    >
      <p className="kft-meta" style={{ marginTop: 0 }}>
        {t('acct.totp.help')}
      </p>
      {on && <CodeForm submit={(c) => disable.mutateAsync(c)} busy={disable.isPending} label={t('acct.totp.disable')} danger />}
      {!on && !setup.data && (
        <Button type="primary" onClick={() => setup.mutate()} loading={setup.isPending}>
          {t('acct.totp.setup')}
        </Button>
      )}
      {!on && setup.data && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ol className="kft-steps">
            <li>{t('acct.totp.step1')}</li>
            <li>{t('acct.totp.step2')}</li>
          </ol>
          <QRCode value={setup.data.uri} size={180} bordered aria-label={t('acct.totp.qr')} />
          <div>
            <span className="kft-meta">{t('acct.totp.secret')}</span>
            <Typography.Text code copyable data-testid="totp-secret">
              {setup.data.secret}
            </Typography.Text>
          </div>
          <CodeForm submit={(c) => enable.mutateAsync(c)} busy={enable.isPending} label={t('acct.totp.enable')} />
        </Space>
      )}
    </Card>
  );
}
