/**
 * /services — the service catalogue: text search (traditional or simplified), category and district facets
 * with counts, result cards with the price in yuan (¥12,000 · ¥8,000–15,000 · 面议), turnaround and
 * qualifications. The filters live in the URL, so a search can be shared.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Collapse, Empty, Grid, Input, Pagination, Row, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useNames, useTitle } from '../../shell/context';
import { serviceListQuery } from './api';
import ServiceCard from './components/ServiceCard';

const PAGE_SIZE = 20;
const list = (v: string | null) => (v ? v.split(',').filter(Boolean) : []);

export default function ServiceCataloguePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const names = useNames();
  const screens = Grid.useBreakpoint();
  useTitle(t('svc.title'));
  const [sp, setSp] = useSearchParams();
  const q = sp.get('q') ?? '';
  const categoryParam = sp.get('category') ?? '';
  const districtParam = sp.get('district') ?? '';
  const categories = list(categoryParam);
  const districts = list(districtParam);
  const page = Number(sp.get('page') ?? 1) || 1;
  const [qInput, setQInput] = useState(q);
  useEffect(() => setQInput(q), [q]);

  const query = useMemo(
    () => ({ q: q || undefined, category: categoryParam || undefined, district: districtParam || undefined, page, pageSize: PAGE_SIZE }),
    [q, categoryParam, districtParam, page],
  );
  const res = useQuery(serviceListQuery(query));
  const data = res.data;

  const update = (patch: Record<string, string | string[] | number | undefined>) =>
    setSp((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(patch)) {
        const s = Array.isArray(v) ? v.join(',') : v === undefined ? '' : String(v);
        if (s) next.set(k, s);
        else next.delete(k);
      }
      if (!('page' in patch)) next.delete('page');
      return next;
    });

  const facet = (key: 'category' | 'district', chosen: string[], label: (c: string) => string, title: string) => (
    <Card size="small" title={<h2 className="kft-card-title">{title}</h2>}>
      <Checkbox.Group
        aria-label={title}
        value={chosen}
        onChange={(v) => update({ [key]: v as string[] })}
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        options={[...new Set([...chosen, ...(data?.facets[key] ?? []).map((f) => f.code)])].map((code) => ({
          value: code,
          label: `${label(code)} (${data?.facets[key].find((x) => x.code === code)?.count ?? 0})`,
        }))}
      />
    </Card>
  );

  const hasFilters = !!q || categories.length > 0 || districts.length > 0;
  const filters = (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {facet('category', categories, names.category, t('svc.category'))}
      {facet('district', districts, (c) => names.district(c), t('svc.district'))}
      {hasFilters && <Button onClick={() => setSp(new URLSearchParams())}>{t('svc.clear')}</Button>}
    </Space>
  );

  return (
    <div>
      <div className="kft-toolbar">
        <Typography.Title level={1} className="kft-page-title" style={{ marginBottom: 0 }}>
          {t('svc.title')}
        </Typography.Title>
        {user && (user.role === 'admin' || user.orgId) && <Link to="/services/new">+ {t('svc.new')}</Link>}
      </div>
      <search>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            update({ q: qInput.trim() });
          }}
          style={{ margin: '12px 0' }}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Input
              type="search"
              allowClear
              aria-label={t('svc.searchLabel')}
              placeholder={t('svc.search')}
              value={qInput}
              size="large"
              name="q"
              onChange={(e) => {
                setQInput(e.target.value);
                if (!e.target.value && q) update({ q: '' });
              }}
            />
            <Button type="primary" htmlType="submit" size="large">
              {t('common.search')}
            </Button>
          </Space.Compact>
        </form>
      </search>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8} lg={7}>
          {/* below 768 px the facets fold away above the results */}
          {screens.md === false ? (
            <Collapse size="small" items={[{ key: 'f', label: `${t('common.filters')}${hasFilters ? ' ●' : ''}`, children: filters }]} />
          ) : (
            filters
          )}
        </Col>
        <Col xs={24} md={16} lg={17}>
          {res.error && <Alert type="error" title={res.error.message} showIcon />}
          {data?.fuzzy && <Alert type="info" title={t('svc.fuzzy')} showIcon style={{ marginBottom: 12 }} />}
          <Spin spinning={res.isFetching}>
            <p aria-live="polite" data-total={data?.total ?? ''}>
              {data ? t('svc.total', { count: data.total }) : ''}
            </p>
            {data && data.items.length === 0 ? (
              <Empty description={t('svc.empty')} />
            ) : (
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {data?.items.map((s) => (
                  <ServiceCard key={s.id} s={s} />
                ))}
              </Space>
            )}
            {data && data.total > PAGE_SIZE && (
              <Pagination
                style={{ marginTop: 16 }}
                current={page}
                pageSize={PAGE_SIZE}
                total={data.total}
                showSizeChanger={false}
                onChange={(p) => update({ page: p })}
              />
            )}
          </Spin>
        </Col>
      </Row>
    </div>
  );
}
