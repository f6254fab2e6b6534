/**
 * /services/:id — one service: provider (with a link to its storefront), category, price in yuan, turnaround,
 * description, deliverables, qualifications (expired ones marked), and the primary action 下单, which opens
 * the order form (/orders/new?serviceId=…). The provider's members withdraw or republish it here.
 */
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNames, useTitle } from '../../shell/context';
import { serviceKeys, serviceQuery, updateService } from './api';
import { servicePrice } from './components/price';
import Qualifications from './components/Qualifications';

export default function ServicePage() {
  const { t } = useTranslation();
  const names = useNames();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const res = useQuery(serviceQuery(id));
  const s = res.data;
  useTitle(s?.title ?? t('svc.title'));
  const toggle = useMutation({
    mutationFn: () => updateService(id, { status: s!.status === 'published' ? 'withdrawn' : 'published', version: s!.version }),
    onSuccess: (next) => {
      qc.setQueryData(serviceKeys.detail(id), next);
      qc.invalidateQueries({ queryKey: serviceKeys.all });
    },
    onError: (e) => message.error(e.message),
  });

  if (res.isLoading) return <Spin />;
  if (!s) return <Result status="404" title={t('svc.notFound')} subTitle={res.error?.message} extra={<Link to="/services">{t('nav.services')}</Link>} />;
  return (
    <div>
      <Typography.Paragraph>
        <Link to="/services">{t('nav.services')}</Link>
      </Typography.Paragraph>
      <div className="kft-toolbar">
        <Typography.Title level={1} className="kft-page-title" style={{ marginBottom: 0 }}>
          {s.title} {s.status === 'withdrawn' && <Tag>{t('svc.withdrawn')}</Tag>}
        </Typography.Title>
        <Space wrap>
          {s.can.edit && (
            <Button onClick={() => toggle.mutate()} loading={toggle.isPending}>
              {s.status === 'published' ? t('svc.withdraw') : t('svc.republish')}
            </Button>
          )}
          {s.status === 'published' && (
            <Link to={`/orders/new?serviceId=${s.id}`}>
              <Button type="primary" size="large">
                {t('svc.order')}
              </Button>
            </Link>
          )}
        </Space>
      </div>
      <Card style={{ marginTop: 12 }}>
        <Typography.Paragraph style={{ fontSize: 22, marginBottom: 8 }}>
          <strong className="kft-service-price">{servicePrice(s, t)}</strong>
          {s.turnaroundDays ? <Typography.Text type="secondary"> · {t('svc.turnaround', { days: s.turnaroundDays })}</Typography.Text> : null}
        </Typography.Paragraph>
        {s.restrictedKind && (
          <Alert type="warning" showIcon title={t('svc.restricted', { kind: t(`svc.restrictedKind.${s.restrictedKind}`) })} style={{ marginBottom: 12 }} />
        )}
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('svc.provider')}>
            <Link to={`/providers/${s.providerOrgId}`}>{s.providerName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.category')}>
            {names.category(s.categoryCode)}
            {s.subcategory ? ` · ${s.subcategory}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.district')}>{names.district(s.districtCode)}</Descriptions.Item>
          <Descriptions.Item label={t('svc.qualifications')}>
            {s.qualifications.length ? <Qualifications items={s.qualifications} /> : t('common.none')}
          </Descriptions.Item>
        </Descriptions>
        {s.description && (
          <>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('svc.description')}
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.description}</Typography.Paragraph>
          </>
        )}
        {s.deliverables && (
          <>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('svc.deliverables')}
            </Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{s.deliverables}</Typography.Paragraph>
          </>
        )}
        <Link to={`/providers/${s.providerOrgId}`}>{t('svc.storefront')} →</Link>
      </Card>
    </div>
  );
}
