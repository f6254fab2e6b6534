/** A catalogue row: title (link), provider, category, price in yuan, turnaround, qualifications (expired ones marked). */
import { Card, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Service } from '../api';
import { servicePrice } from './price';
import Qualifications from './Qualifications';

export default function ServiceCard({ s }: { s: Service }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-service={s.id}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
            <Link to={`/services/${s.id}`}>{s.title}</Link>
          </Typography.Title>
          <strong className="kft-service-price">{servicePrice(s, t)}</strong>
        </Space>
        <Typography.Text type="secondary">
          <Link to={`/providers/${s.providerOrgId}`}>{s.providerName}</Link> · {s.categoryName}
          {s.subcategory ? ` · ${s.subcategory}` : ''}
          {s.turnaroundDays ? ` · ${t('svc.turnaround', { days: s.turnaroundDays })}` : ''}
        </Typography.Text>
        <Space wrap size={4}>
          <Qualifications items={s.qualifications} />
          {s.restrictedKind && <Tag color="orange">{t('svc.restricted', { kind: t(`svc.restrictedKind.${s.restrictedKind}`) })}</Tag>}
          {s.status === 'withdrawn' && <Tag>{t('svc.withdrawn')}</Tag>}
        </Space>
      </Space>
    </Card>
  );
}
