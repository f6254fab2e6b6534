import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { publicationRowsQuery, publicationsQuery, publish, type PubRow, type Publication, type PublicationBody } from './api';
import { useAuth, useNames, useTitle } from '../../shell/context';
import { fmtStamp, fmtStampLabelled } from '../../lib/time';

function FilterTags({ filters }: { filters: Record<string, unknown> }) {
  const names = useNames();
  const { t } = useTranslation();
  const tags: string[] = [];
  const arr = (v: unknown) => (Array.isArray(v) ? v : typeof v === 'string' && v ? v.split(',') : []) as string[];
  arr(filters.category).forEach((c) => tags.push(names.category(c)));
  arr(filters.district).forEach((d) => tags.push(names.district(d)));
  if (filters.q) tags.push(`${t('pub.q')}: ${filters.q}`);
  if (!tags.length) return <span className="kft-meta">{t('common.all')}</span>;
  return (
    <span className="kft-tags">
      {tags.map((x) => (
        <Tag key={x}>{x}</Tag>
      ))}
    </span>
  );
}

function Detail({ pub }: { pub: Publication }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const q = useQuery(publicationRowsQuery(pub.id, page));
  const rows = q.error ? { items: [] as PubRow[], total: 0 } : (q.data ?? null);
  return (
    <Card
      size="small"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('pub.detail', { number: pub.number, title: pub.title })}</h2>}
      extra={
        <Space wrap>
          <a href={`/api/v1/publications/${pub.id}/download?format=xlsx`} download>
            {t('pub.downloadXlsx')}
          </a>
          <a href={`/api/v1/publications/${pub.id}/download?format=pdf`} download>
            {t('pub.downloadPdf')}
          </a>
        </Space>
      }
      style={{ marginBottom: 12 }}
    >
      <p className="kft-meta" data-testid="pub-meta">
        {t('pub.filters')}：<FilterTags filters={pub.filters} />　{t('pub.count')}：{pub.orgCount}　{t('pub.date')}：{fmtStampLabelled(pub.publishedAt)}
      </p>
      <div className="kft-table-wrap">
        <Table
          size="small"
          rowKey={(r) => r.uscc}
          loading={!rows}
          dataSource={rows?.items ?? []}
          data-testid="pub-rows"
          pagination={{ current: page, pageSize: 20, total: rows?.total ?? 0, showSizeChanger: false, onChange: setPage, size: 'small' }}
          columns={[
            { title: t('org.name'), dataIndex: 'name' },
            { title: t('org.uscc'), dataIndex: 'uscc', responsive: ['md'] },
            { title: t('org.categories'), dataIndex: 'categories' },
            { title: t('pub.district'), dataIndex: 'district' },
            { title: t('org.recognitions'), dataIndex: 'recognitions', responsive: ['lg'] },
          ]}
        />
      </div>
      <Link to="/publications">{t('pub.backToList')}</Link>
    </Card>
  );
}

function PublishForm({ onDone }: { onDone: (p: Publication) => void }) {
  const { t } = useTranslation();
  const names = useNames();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: publish,
    onSuccess: (p) => {
      message.success(t('pub.published', { number: p.number }));
      form.resetFields();
      onDone(p);
    },
    onError: (ae) => {
      const f = ae.fields?.find((x) => x.path === 'title');
      if (f) form.setFields([{ name: 'title', errors: [f.message] }]);
    },
  });
  const busy = save.isPending;
  const err = save.error?.message ?? null;
  function submit(v: { title: string; category?: string[]; district?: string[] }) {
    const filters: PublicationBody['filters'] = {};
    if (v.category?.length) filters.category = v.category;
    if (v.district?.length) filters.district = v.district;
    save.mutate({ title: v.title, filters });
  }
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('pub.newTitle')}</h2>} style={{ marginBottom: 12 }}>
      {err && <Alert type="error" title={err} showIcon style={{ marginBottom: 8 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('pub.titleLabel')} rules={[{ required: true, message: t('common.required', { field: t('pub.titleLabel') }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t('org.categories')}>
          <Select mode="multiple" allowClear options={(names.ref?.categories ?? []).map((c) => ({ value: c.code, label: names.category(c.code) }))} />
        </Form.Item>
        <Form.Item name="district" label={t('pub.district')}>
          <Select
            mode="multiple"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={names.currentDivisions.map((d) => ({ value: d.code, label: names.district(d.code) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="publish">
          {t('pub.publish')}
        </Button>
      </Form>
    </Card>
  );
}

export default function PublicationsPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  useTitle(t('pub.title'));
  const qc = useQueryClient();
  const list = useQuery(publicationsQuery);
  const items = list.data ?? null;
  const error = list.error?.message ?? null;
  const selected = id ? items?.find((p) => String(p.id) === id) : undefined;

  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('pub.title')}
      </Typography.Title>
      {error && <Alert type="error" title={error} showIcon />}
      {selected && <Detail pub={selected} />}
      {user?.role === 'admin' && !id && (
        <PublishForm
          onDone={(p) => {
            void qc.invalidateQueries({ queryKey: publicationsQuery.queryKey });
            navigate(`/publications/${p.id}`);
          }}
        />
      )}
      {!items ? (
        <Spin />
      ) : (
        <Card size="small">
          <div className="kft-table-wrap">
            <Table
              size="small"
              rowKey="id"
              dataSource={items}
              locale={{ emptyText: <span className="kft-meta">{t('pub.empty')}</span> }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="publications"
              columns={[
                { title: t('pub.number'), dataIndex: 'number', width: 110 },
                { title: t('pub.name'), dataIndex: 'title', render: (v: string, p: Publication) => <Link to={`/publications/${p.id}`}>{v}</Link> },
                { title: t('common.beijingTime', { x: t('pub.date') }), dataIndex: 'publishedAt', render: (v: string) => fmtStamp(v), responsive: ['sm'] },
                { title: t('pub.count'), dataIndex: 'orgCount', width: 80 },
                {
                  title: t('common.download'),
                  key: 'dl',
                  render: (_: unknown, p: Publication) => (
                    <Space wrap size={4}>
                      <a href={`/api/v1/publications/${p.id}/download?format=xlsx`} download aria-label={`${p.title} ${t('pub.downloadXlsx')}`}>
                        {t('pub.downloadXlsx')}
                      </a>
                      <a
                        href={`/api/v1/publications/${p.id}/download?format=pdf`}
                        download
                        aria-label={`${p.title} ${t('pub.downloadPdf')}`}
                        data-testid="pdf-link"
                      >
                        {t('pub.downloadPdf')}
                      </a>
                    </Space>
                  ),
                },
              ]}
            />
          </div>
        </Card>
      )}
    </div>
  );
}
