/**
 * /admin/audit — 安全审计: the audit trail newest first, filtered; a district admin sees the entries of their district
 * (the server holds them to it). Export (xlsx, the same filters) for both; verifying the chain for the city admin.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Result, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtStamp } from '../../lib/time';
import { canManage, useAuth, useNames, useTitle } from '../../shell/context';
import { auditQuery, exportHref, type AuditEntry, type AuditFilters as Filters } from './api';
import AuditFilters from './components/AuditFilters';
import VerifyChain from './components/VerifyChain';

const OUTCOME_COLOR = { success: 'green', failure: 'orange', denied: 'red' } as const;

function EntryDetail({ e }: { e: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} bordered data-testid="audit-detail">
      <Descriptions.Item label={t('audit.userAgent')}>{e.userAgent ?? t('common.none')}</Descriptions.Item>
      <Descriptions.Item label={t('audit.detail')}>
        <pre className="kft-json">{JSON.stringify(e.detail, null, 2)}</pre>
      </Descriptions.Item>
      <Descriptions.Item label={t('audit.requestId')}>{e.requestId ?? t('common.none')}</Descriptions.Item>
      <Descriptions.Item label={t('audit.hash')}>
        <code className="kft-hash">{e.hash}</code>
      </Descriptions.Item>
    </Descriptions>
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const names = useNames();
  useTitle(t('audit.title'));
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const list = useQuery({ ...auditQuery(filters, paging.page, paging.pageSize), enabled: canManage(user) });

  if (!canManage(user)) return <Result status="403" title="403" subTitle={t('audit.forbidden')} />;

  return (
    <div>
      <div className="kft-page-head">
        <Typography.Title level={1} className="kft-page-title">
          {t('audit.title')}
        </Typography.Title>
        <span className="kft-page-tools">
          <Button href={exportHref(filters)} download data-testid="audit-export">
            {t('audit.export')}
          </Button>
          {user?.role === 'admin' && <VerifyChain />}
        </span>
      </div>
      <p className="kft-meta" style={{ marginTop: 0 }}>
        {user?.role === 'admin' ? t('audit.helpCity') : t('audit.helpDistrict', { district: names.district(user?.districtCode) })}
      </p>
      <AuditFilters
        onChange={(f) => {
          setFilters(f);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      {list.error && <Alert type="error" showIcon title={list.error.message} style={{ marginTop: 12 }} />}
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        style={{ marginTop: 12 }}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="audit-table"
        data-loading={String(list.isFetching)}
        onRow={(e) => ({ 'data-testid': 'audit-row', 'data-type': e.type }) as React.HTMLAttributes<HTMLElement>}
        expandable={{ expandedRowRender: (e) => <EntryDetail e={e} /> }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => t('audit.total', { count: n }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { key: 'at', title: t('audit.at'), render: (_, e) => <span className="kft-nowrap">{fmtStamp(e.at)}</span> },
          { key: 'type', title: t('audit.event'), render: (_, e) => <span title={e.type}>{e.typeLabel}</span> },
          { key: 'outcome', title: t('audit.outcome'), render: (_, e) => <Tag color={OUTCOME_COLOR[e.outcome]}>{t(`audit.outcomes.${e.outcome}`)}</Tag> },
          { key: 'actor', title: t('audit.actor'), render: (_, e) => e.actorName ?? t('common.none') },
          { key: 'role', title: t('audit.role'), render: (_, e) => (e.actorRole ? t(`role.${e.actorRole}`, { defaultValue: e.actorRole }) : t('common.none')) },
          { key: 'district', title: t('audit.district'), render: (_, e) => names.district(e.districtCode) },
          {
            key: 'subject',
            title: t('audit.subject'),
            render: (_, e) =>
              e.subjectType ? `${t(`audit.subjects.${e.subjectType}`, { defaultValue: e.subjectType })} #${e.subjectId ?? ''}` : t('common.none'),
          },
          { key: 'ip', title: t('audit.ip'), render: (_, e) => e.ip ?? t('common.none') },
        ]}
      />
    </div>
  );
}
