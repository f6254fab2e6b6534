/**
 * /bulletins — 统计信息发布 (public): the published bulletins, the latest publication first. An office also sees its
 * own bulletins, drafts included (the city office all, a district office its district's), and starts a new one.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Pagination, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { canManage, useAuth, useNames, useTitle } from '../../shell/context';
import { fmtStamp } from '../../lib/time';
import { publishedQuery, workbenchQuery, type BulletinSummary } from './api';
import { periodLabel, useIsEnglish } from './format';
import './bulletins.css';

export function useScopeName() {
  const { t } = useTranslation();
  const names = useNames();
  return (scope: string) => (scope === 'chongqing' ? t('bulletin.city') : names.district(scope.slice('district:'.length)));
}

function Row({ b, office }: { b: BulletinSummary; office?: boolean }) {
  const { t } = useTranslation();
  const en = useIsEnglish();
  const scopeName = useScopeName();
  const to = office && b.status === 'draft' ? `/bulletins/${b.id}/edit` : `/bulletins/${b.id}`;
  return (
    <List.Item data-testid={office ? 'workbench-bulletin' : 'bulletin-item'} data-bulletin-id={b.id} data-status={b.status}>
      <List.Item.Meta
        title={<Link to={to}>{b.title}</Link>}
        description={
          <Space size={[8, 4]} wrap>
            {b.number && <span className="kft-bulletin-number">{b.number}</span>}
            <span>{periodLabel(b.period, en)}</span>
            <span>{scopeName(b.scope)}</span>
            {b.publishedAt && <span className="kft-meta">{fmtStamp(b.publishedAt)}</span>}
            {b.latestVersion > 1 && <Tag bordered={false}>{t('bulletin.version', { version: b.latestVersion })}</Tag>}
            {office && <Tag color={b.status === 'published' ? 'success' : 'default'}>{t(`bulletin.status.${b.status}`)}</Tag>}
            {office && b.status === 'published' && b.pending && <Tag color="warning">{t('bulletin.pending')}</Tag>}
          </Space>
        }
      />
    </List.Item>
  );
}

export default function BulletinListPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useTitle(t('bulletin.title'));
  const [page, setPage] = useState(1);
  const published = useQuery(publishedQuery(page));
  const office = canManage(user);
  const mine = useQuery({ ...workbenchQuery, enabled: office });
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('bulletin.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('bulletin.lead')}</Typography.Paragraph>
      {office && (
        <Card
          size="small"
          title={t('bulletin.workbench')}
          className="kft-front-section"
          data-testid="bulletin-workbench"
          extra={
            <Link to="/bulletins/new">
              <Button type="primary" size="small" data-testid="bulletin-new">
                {t('bulletin.compose')}
              </Button>
            </Link>
          }
        >
          {mine.error && <Alert type="error" showIcon title={String((mine.error as Error).message)} />}
          <List
            size="small"
            loading={mine.isLoading}
            dataSource={mine.data?.items ?? []}
            locale={{ emptyText: t('bulletin.workbenchEmpty') }}
            renderItem={(b) => <Row b={b} office />}
          />
        </Card>
      )}
      {published.error && <Alert type="error" showIcon title={String((published.error as Error).message)} />}
      {published.isLoading && <Skeleton active />}
      {published.data && (
        <Card size="small" data-testid="bulletin-list">
          {published.data.items.length === 0 ? (
            <Empty description={t('bulletin.none')} />
          ) : (
            <List dataSource={published.data.items} renderItem={(b) => <Row b={b} />} />
          )}
          {published.data.total > 10 && (
            <Pagination size="small" current={page} total={published.data.total} pageSize={10} onChange={setPage} showSizeChanger={false} />
          )}
        </Card>
      )}
    </div>
  );
}
