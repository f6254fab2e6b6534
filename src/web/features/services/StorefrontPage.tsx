/** /providers/:orgId — a provider's storefront (机构店铺): its summary, then tabs of its services, instruments and achievements. */
import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Result, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNames, useTitle } from '../../shell/context';
import { yuan } from '../../lib/time';
import { storefrontQuery } from './api';
import ServiceCard from './components/ServiceCard';

export default function StorefrontPage() {
  const { t } = useTranslation();
  const names = useNames();
  const orgId = Number(useParams().orgId);
  const res = useQuery(storefrontQuery(orgId));
  const s = res.data;
  useTitle(s ? `${s.org.name} · ${t('svc.storefront')}` : t('svc.storefront'));
  if (res.isLoading) return <Spin />;
  if (!s) return <Result status="404" title={res.error?.message} extra={<Link to="/services">{t('nav.services')}</Link>} />;
  return (
    <div>
      <Typography.Paragraph type="secondary">{t('svc.storefront')}</Typography.Paragraph>
      <Typography.Title level={1} className="kft-page-title">
        {s.org.name}
      </Typography.Title>
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        {s.org.categories.map((c) => (
          <Tag key={c}>{names.category(c)}</Tag>
        ))}
        {s.org.districtCode && <Tag>{names.district(s.org.districtCode)}</Tag>}
        <Link to={`/orgs/${s.org.id}`}>{t('nav.directory')} →</Link>
      </Space>
      {s.org.description && <Typography.Paragraph>{s.org.description}</Typography.Paragraph>}
      <Tabs
        items={[
          {
            key: 'services',
            label: `${t('svc.services')} (${s.services.length})`,
            children: s.services.length ? (
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {s.services.map((x) => (
                  <ServiceCard key={x.id} s={x} />
                ))}
              </Space>
            ) : (
              <Empty description={t('svc.noServices')} />
            ),
          },
          {
            key: 'instruments',
            label: `${t('svc.instruments')} (${s.instruments.total})`,
            children: (
              <Card size="small">
                <List
                  locale={{ emptyText: t('svc.noInstruments') }}
                  dataSource={s.instruments.items}
                  renderItem={(i) => (
                    <List.Item extra={yuan(i.priceExternalFen)}>
                      <List.Item.Meta title={<Link to={`/instruments/${i.id}`}>{i.name}</Link>} description={i.className} />
                    </List.Item>
                  )}
                />
              </Card>
            ),
          },
          {
            key: 'achievements',
            label: `${t('svc.achievements')} (${s.achievements.total})`,
            children: (
              <Card size="small">
                <List
                  locale={{ emptyText: t('svc.noAchievements') }}
                  dataSource={s.achievements.items}
                  renderItem={(a) => (
                    <List.Item>
                      <List.Item.Meta title={<Link to={`/achievements/${a.id}`}>{a.title}</Link>} description={a.summary} />
                    </List.Item>
                  )}
                />
              </Card>
            ),
          },
        ]}
      />
    </div>
  );
}
