/** /orders/new?serviceId= — the requirement form for one catalogue service; a clear message when it cannot be loaded. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useAuth, useTitle } from '../../shell/context';
import { SignInPrompt } from '../../shell/SignedIn';
import { api, unwrap } from '../../api/client';
import type { Service } from '../services/api';
import { clearFieldErrors, showFieldErrors } from '../../lib/formErrors';
import { createOrder } from './api';
import { money } from './components/shared';

/** The service, or null when it cannot be loaded (unknown, withdrawn for this viewer): the page says so. */
const loadService = (id: number): Promise<Service | null> => unwrap(api.GET('/api/v1/services/{id}', { params: { path: { id } } })).catch(() => null);

export default function NewOrderPage() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ requirement: string }>();
  const [rest, setRest] = useState<string[]>([]);
  const serviceId = /^[1-9][0-9]{0,15}$/.test(sp.get('serviceId') ?? '') ? Number(sp.get('serviceId')) : null;
  useTitle(t('ord.newTitle'));
  const service = useQuery({ queryKey: ['services', 'one', serviceId], queryFn: () => loadService(serviceId!), enabled: !!serviceId && !!user, retry: false });
  const submit = useMutation({
    mutationFn: (v: { requirement: string }) => createOrder(serviceId!, v.requirement),
    onMutate: () => {
      clearFieldErrors(form);
      setRest([]);
    },
    onSuccess: (o) => {
      message.success(t('ord.created'));
      navigate(`/orders/${o.id}`);
    },
    onError: (e) => setRest(showFieldErrors(form, e, ['requirement'])),
  });

  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!user) return <SignInPrompt />;
  const missing = !serviceId || (service.isFetched && !service.data);
  if (missing)
    return (
      <Result
        status="warning"
        title={t('ord.newTitle')}
        subTitle={<span data-testid="service-missing">{t('ord.serviceMissing')}</span>}
        extra={<Link to="/orders">{t('ord.backToList')}</Link>}
      />
    );
  if (!service.data)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  const s = service.data;
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={1} className="kft-page-title">
        {t('ord.newTitle')}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'title', label: t('ord.serviceIdLabel'), children: `${s.id} · ${s.title}` },
            { key: 'p', label: t('ord.provider'), children: s.providerName },
            ...(s.priceFen ? [{ key: 'price', label: t('ord.payment.total'), children: money(s.priceFen) }] : []),
          ]}
        />
      </Card>
      {rest.length > 0 && <Alert type="error" showIcon role="alert" title={rest.join(' ')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)}>
        <Form.Item name="requirement" label={t('ord.requirement')} extra={t('ord.requirementHelp')}>
          <Input.TextArea rows={6} maxLength={5000} showCount data-testid="requirement" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="order-submit">
          {t('ord.submit')}
        </Button>
      </Form>
    </div>
  );
}
