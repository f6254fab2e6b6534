/** 修改密码: current, new, confirm; the policy as a hint; the server's field errors on their fields. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { clearFieldErrors, showFieldErrors } from '../../../lib/formErrors';
import { changePassword, securityQuery, sessionsQuery } from '../api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const policy = useQuery(securityQuery).data?.passwordPolicy;
  const save = useMutation({
    mutationFn: (v: Values) => changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      form.resetFields();
      message.success(t('acct.password.changed'));
      // the change ended my other sessions
      void qc.invalidateQueries({ queryKey: sessionsQuery.queryKey });
    },
    onError: (e) => {
      const rest = showFieldErrors(form, e, ['currentPassword', 'newPassword']);
      setProblem(rest.length ? rest.join(t('common.msgSep')) : null);
    },
  });
  const required = (label: string) => ({ required: true, message: t('common.required', { field: label }) });

  return (
    <Card title={<h2 className="kft-card-title">{t('acct.password.title')}</h2>} data-testid="password-card">
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        style={{ maxWidth: 420 }}
        onFinish={(v) => {
          setProblem(null);
          clearFieldErrors(form);
          save.mutate(v);
        }}
      >
        <Form.Item name="currentPassword" label={t('acct.password.current')} rules={[required(t('acct.password.current'))]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('acct.password.new')}
          extra={policy && t('acct.password.policy', { min: policy.minLength, classes: policy.minClasses, history: policy.history })}
          rules={[required(t('acct.password.new'))]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('acct.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            required(t('acct.password.confirm')),
            ({ getFieldValue }) => ({
              validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('acct.password.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('acct.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
