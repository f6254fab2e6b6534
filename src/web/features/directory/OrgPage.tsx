import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Empty, Result, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { offeringsQuery, orgHistoryQuery, orgQuery, type HistoryItem, type Org } from './api';
import { useAuth, useNames, useTitle } from '../../shell/context';
import { fmtStamp, fmtStampLabelled } from '../../lib/time';
import OrgRelationsCard from '../vouchers/components/OrgRelationsCard';

export function canEditOrg(user: ReturnType<typeof useAuth>['user'], org: Org | null) {
  if (!user || !org) return false;
  if (user.role === 'admin') return true;
  return user.role === 'district_admin' && !!user.districtCode && user.districtCode === org.districtCode;
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('、') || '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function History({ id }: { id: number }) {
  const { t } = useTranslation();
  const { data: items, error } = useQuery(orgHistoryQuery(id));
  if (error) return <Alert type="error" title={error.message} />;
  if (!items) return <Spin />;
  if (!items.length) return <Empty description={t('org.historyEmpty')} />;
  return (
    <div className="kft-table-wrap">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items}
        columns={[
          { title: t('org.when'), dataIndex: 'at', render: (v: string) => fmtStamp(v), width: 170 },
          { title: t('org.who'), dataIndex: 'actorName', width: 120 },
          { title: t('org.action'), dataIndex: 'action', render: (v: string) => t(`org.actions.${v}`, { defaultValue: v }), width: 80 },
          {
            title: t('org.changes'),
            render: (_: unknown, h: HistoryItem) => (
              <ul style={{ margin: 0, paddingLeft: 16 }}>
                {h.changedFields.map((f) => (
                  <li key={f}>
                    <strong>{t(`org.${f}`, { defaultValue: f })}</strong>: {h.before ? <del>{show(h.before[f])}</del> : null}
                    {h.before ? ' → ' : ''}
                    {show(h.after?.[f])}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </div>
  );
}

/**
 * What the organization offers elsewhere on the platform, with counts, each leading to the list filtered by this
 * organization. Counts come from the same list queries the links open, so the two agree for every viewer.
 * The storefront (机构店铺) gathers its services, instruments and achievements on one page.
 */
function Offerings({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const counts = useQuery(offeringsQuery(orgId)).data ?? null;
  const items: { key: keyof NonNullable<typeof counts>; to: string }[] = [
    { key: 'instruments', to: `/instruments?owner=${orgId}` },
    { key: 'achievements', to: `/search?kind=achievement&org=${orgId}` },
    { key: 'demands', to: `/search?kind=demand&org=${orgId}` },
    { key: 'experts', to: `/search?kind=expert&org=${orgId}` },
  ];
  return (
    <Card size="small" style={{ marginTop: 12 }} title={<h2 className="kft-card-title">{t('org.offerings')}</h2>}>
      <ul className="kft-offerings" data-testid="org-offerings" aria-busy={counts ? 'false' : 'true'}>
        {items.map(({ key, to }) => {
          const n = counts?.[key];
          return (
            <li key={key} data-testid={`org-offer-${key}`}>
              {!counts ? (
                <span className="kft-meta">{t(`org.offer.${key}Label`)} …</span>
              ) : n ? (
                <Link to={to}>{t(`org.offer.${key}`, { count: n })}</Link>
              ) : (
                <span className="kft-meta">{t(`org.offer.${key}None`)}</span>
              )}
            </li>
          );
        })}
        <li data-testid="org-services">
          <Link to={`/providers/${orgId}`}>{t('org.offer.services')}</Link>
        </li>
      </ul>
    </Card>
  );
}

export default function OrgPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const names = useNames();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { data: org, error } = useQuery(orgQuery(Number(id)));
  useTitle(org?.name ?? t('common.loading'));

  if (error)
    return (
      <Result
        status={error.status === 404 ? '404' : 'error'}
        title={error.status === 404 ? '404' : t('common.error')}
        subTitle={error.message}
        extra={<Link to="/orgs">{t('nav.directory')}</Link>}
      />
    );
  if (!org)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );

  const today = new Date().toISOString().slice(0, 10);
  const div = org.districtCode ? names.division(org.districtCode) : undefined;
  const info = (
    <>
      {org.contactMasked && (
        <Alert
          type="info"
          showIcon
          title={
            <span>
              {t('org.masked')} — <Link to={`/login?next=/orgs/${org.id}`}>{t('nav.login')}</Link>
            </span>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} styles={{ label: { width: 140 } }}>
        <Descriptions.Item label={t('org.uscc')}>{org.uscc}</Descriptions.Item>
        <Descriptions.Item label={t('org.formerNames')}>{org.formerNames.length ? org.formerNames.join('、') : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.kinds')}>
          {org.kinds.map((k) => (
            <Tag key={k}>{names.kind(k)}</Tag>
          ))}
          {!org.kinds.length && '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.categories')}>
          {org.categories.map((c) => (
            <Tag key={c} color="blue">
              {names.category(c)}
            </Tag>
          ))}
          {!org.categories.length && '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.districtCode')}>
          {names.district(org.districtCode)}
          {div?.validTo && div.successorCode ? t('org.abolished', { successor: names.district(div.successorCode) }) : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.clusterId')}>{names.cluster(org.clusterId)}</Descriptions.Item>
        <Descriptions.Item label={t('org.address')} span={{ xs: 1, md: 2 }}>
          {org.address ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.contactPerson')}>{org.contactPerson ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.contactPhone')}>{org.contactPhone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.contactEmail')}>{org.contactEmail ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.website')}>
          {org.website ? (
            <a href={org.website} target="_blank" rel="noreferrer noopener">
              {org.website}
            </a>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.foundedOn')}>{org.foundedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.employees')}>{org.employees ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('org.revenueBand')}>{names.revenue(org.revenueBand)}</Descriptions.Item>
        <Descriptions.Item label={t('org.updatedAt')}>
          {fmtStampLabelled(org.updatedAt)}（{t('org.version')} {org.version}）
        </Descriptions.Item>
        <Descriptions.Item label={t('org.recognitions')} span={{ xs: 1, md: 2 }}>
          {org.recognitions.length ? (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {org.recognitions.map((r) => (
                <li key={`${r.kind} ${r.certificateNo ?? ''} ${r.validFrom ?? ''}`}>
                  <Tag className="kft-tag-rec">{names.recognition(r.kind)}</Tag>
                  <span className="kft-meta">{t('org.validity', { from: r.validFrom ?? '—', to: r.validTo ?? '—' })}</span>
                  {r.validTo && r.validTo < today && (
                    <Tag color="red" style={{ marginLeft: 6 }}>
                      {t('org.expired')}
                    </Tag>
                  )}
                  {r.certificateNo && (
                    <span className="kft-meta">
                      ；{t('org.certificateNo')} {r.certificateNo}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('org.description')} span={{ xs: 1, md: 2 }}>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{org.description ?? '—'}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
    </>
  );

  return (
    <div>
      <div className="kft-toolbar">
        <Typography.Title level={1} className="kft-page-title" style={{ marginBottom: 0 }}>
          {org.name}
        </Typography.Title>
        <Space>
          <Link to="/orgs">{t('common.back')}</Link>
          {canEditOrg(user, org) && (
            <Button type="primary" onClick={() => navigate(`/orgs/${org.id}/edit`)}>
              {t('org.edit')}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small">
        {user ? (
          <Tabs
            items={[
              { key: 'info', label: t('org.info'), children: info },
              { key: 'history', label: t('org.history'), children: <History id={org.id} /> },
            ]}
          />
        ) : (
          info
        )}
      </Card>
      <Offerings orgId={org.id} />
      <OrgRelationsCard orgId={org.id} />
    </div>
  );
}
