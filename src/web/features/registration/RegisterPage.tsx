/** 注册机构账号: the organization, its contact, the account; then "check your email". */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Result, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNames, useTitle } from '../../shell/context';
import { register, type RegistrationBody } from './api';
import { rules, showServerErrors } from './forms';

type Values = RegistrationBody & { repeat: string };
const FIELDS = ['uscc', 'orgName', 'districtCode', 'contactName', 'email', 'phone', 'username', 'password'] as const;
const col = { xs: 24, md: 12 };

export default function RegisterPage() {
  const { t } = useTranslation();
  const names = useNames();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const r = rules(t);
  useTitle(t('reg.register.title'));
  const submit = useMutation({ mutationFn: ({ repeat: _repeat, ...body }: Values) => register({ ...body, uscc: body.uscc.toUpperCase() }) });

  if (submit.data)
    return (
      <Result
        status="success"
        title={<h1 className="kft-result-title">{t('reg.register.doneTitle')}</h1>}
        subTitle={t('reg.register.doneText', { email: submit.data.claim.email })}
        data-testid="registered"
      />
    );

  const label = (k: string) => t(`reg.field.${k}`);
  return (
    <div style={{ maxWidth: 760, margin: '24px auto' }}>
      <Typography.Title level={1} className="kft-page-title">
        {t('reg.register.title')}
      </Typography.Title>
      <Typography.Paragraph className="kft-meta">{t('reg.register.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        requiredMark
        onFinish={async (v) => {
          setError(null);
          try {
            await submit.mutateAsync(v);
          } catch (e) {
            setError(showServerErrors(form, e, FIELDS));
          }
        }}
      >
        <Card title={<h2 className="kft-card-title">{t('reg.register.org')}</h2>} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item name="uscc" label={label('uscc')} rules={r.uscc} validateTrigger="onBlur">
                <Input maxLength={18} autoComplete="off" style={{ textTransform: 'uppercase' }} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="orgName" label={label('orgName')} rules={[r.required('orgName')]}>
                <Input maxLength={100} autoComplete="organization" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item
                name="districtCode"
                label={label('districtCode')}
                rules={[{ required: true, message: t('reg.check.choose', { field: label('districtCode') }) }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={names.currentDivisions.map((d) => ({ value: d.code, label: names.district(d.code) }))}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={<h2 className="kft-card-title">{t('reg.register.contact')}</h2>} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item name="contactName" label={label('contactName')} rules={[r.required('contactName')]}>
                <Input maxLength={50} autoComplete="name" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="phone" label={label('phone')}>
                <Input maxLength={30} autoComplete="tel" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="email" label={label('email')} rules={r.email()} validateTrigger="onBlur">
                <Input maxLength={254} autoComplete="email" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={<h2 className="kft-card-title">{t('reg.register.account')}</h2>} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item name="username" label={label('username')} rules={r.username} extra={t('reg.register.usernameHelp')}>
                <Input maxLength={32} autoComplete="username" />
              </Form.Item>
            </Col>
            <Col {...col} />
            <Col {...col}>
              <Form.Item name="password" label={label('password')} rules={r.password()}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="repeat" label={label('repeat')} dependencies={['password']} rules={r.repeat('password')}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Button type="primary" htmlType="submit" loading={submit.isPending}>
          {t('reg.register.submit')}
        </Button>{' '}
        <Link to="/login">{t('reg.register.haveAccount')}</Link>
      </Form>
    </div>
  );
}
