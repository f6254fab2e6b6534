/** The workbench's 我的成果 / 我的需求: my organization's items in every status, with 编辑 / 发布 / 关闭 as the status allows. */
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Pagination, Popconfirm, Segmented, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { itemAction, type ItemStatus } from '../../api';
import { StatusTag, fmtDate } from '../../shared';
import { Count, Loading, PAGE, PAGE_SIZE, STATUSES, errorText, stamp, type Kind, type Listing, type Listings, type Loaded } from './shared';

function ListingCard({ kind, item, onChanged }: { kind: Kind; item: Listing; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const href = `${PAGE[kind]}/${item.id}`;
  const sep = t('common.msgSep');

  const run = useMutation({
    mutationFn: (action: 'publish' | 'close') => itemAction(kind, item.id, action),
    onMutate: () => setError(null),
    onSuccess: (r, action) => {
      message.success(action === 'publish' && r.status === 'in_review' ? t('mk.action.submittedForReview') : t(`mk.action.done.${action}`));
      onChanged();
    },
    onError: (e, action) =>
      setError(action === 'publish' && e.fields.length ? t('mk.workbench.notPublished', { reasons: errorText(e, sep) }) : errorText(e, sep)),
  });
  const busy = run.isPending ? run.variables : null;
  const act = (action: 'publish' | 'close') => run.mutate(action);

  const canPublish = item.status === 'draft' || item.status === 'closed';
  const canClose = item.status === 'published' || item.status === 'in_review';
  return (
    <Card size="small" className="kft-result" data-testid="wb-item" data-kind={kind} data-id={item.id} data-status={item.status}>
      <div className="kft-wb-row">
        <div className="kft-wb-main">
          <div className="kft-title-row">
            <h2 className="kft-wb-title">
              <Link to={href} data-testid="wb-item-title">
                {item.title}
              </Link>
            </h2>
            <StatusTag status={item.status} />
          </div>
          <div className="kft-meta" style={{ marginTop: 2 }}>
            {t('mk.workbench.updated', { date: fmtDate(stamp(item), en) })}
            {item.publishedAt && item.status !== 'draft' && <> · {t('mk.workbench.published', { date: fmtDate(item.publishedAt, en) })}</>}
          </div>
        </div>
        <Space wrap size={8} className="kft-wb-actions">
          <Button onClick={() => navigate(`${href}/edit`)} data-testid="wb-edit">
            {t('mk.action.edit')}
          </Button>
          {kind === 'demand' && item.status !== 'closed' && (
            <Button onClick={() => navigate(href)} data-testid="wb-matches">
              {t('mk.workbench.viewMatches')}
            </Button>
          )}
          {canPublish && (
            <Button type="primary" loading={busy === 'publish'} onClick={() => act('publish')} data-testid="wb-publish">
              {item.status === 'closed' ? t('mk.workbench.republish') : t('mk.action.publish')}
            </Button>
          )}
          {canClose && (
            <Popconfirm title={t('mk.action.closeConfirm')} okText={t('mk.action.close')} cancelText={t('common.cancel')} onConfirm={() => act('close')}>
              <Button danger loading={busy === 'close'} data-testid="wb-close">
                {t('mk.action.close')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </div>
      {item.reviewNote && item.status === 'draft' && (
        <Alert type="warning" showIcon className="kft-wb-note" data-testid="wb-review-note" title={t('mk.reviewReturned', { note: item.reviewNote })} />
      )}
      {error && <Alert type="error" showIcon className="kft-wb-note" role="alert" data-testid="wb-error" title={error} />}
    </Card>
  );
}

export default function MyListings({ kind, list, page, setPage }: { kind: Kind; list: Loaded<Listings>; page: number; setPage: (n: number) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'' | ItemStatus>('');
  const all = useMemo(() => [...(list.data?.items ?? [])].sort((a, b) => stamp(b).localeCompare(stamp(a)) || b.id - a.id), [list.data]);
  const counts = useMemo(() => Object.fromEntries(STATUSES.map((s) => [s, all.filter((x) => x.status === s).length])), [all]);
  const shown = filter ? all.filter((x) => x.status === filter) : all;
  const newLabel = kind === 'achievement' ? t('mk.workbench.newAchievement') : t('mk.workbench.newDemand');
  const create = (
    <Button type="primary" onClick={() => navigate(`${PAGE[kind]}/new`)} data-testid={`wb-new-${kind}`}>
      {newLabel}
    </Button>
  );
  return (
    <div>
      <div className="kft-toolbar">
        <div className="kft-wb-filter">
          <Segmented
            value={filter}
            onChange={(v) => setFilter(v as '' | ItemStatus)}
            aria-label={t('mk.workbench.filter')}
            data-testid={`wb-filter-${kind}`}
            options={[
              {
                value: '',
                label: (
                  <span>
                    {t('common.all')}
                    <Count n={all.length} />
                  </span>
                ),
              },
              ...STATUSES.map((s) => ({
                value: s,
                label: (
                  <span>
                    {t(`mk.status.${s}`)}
                    <Count n={counts[s]} />
                  </span>
                ),
              })),
            ]}
          />
        </div>
        {create}
      </div>
      {list.error && <Alert type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />}
      {!list.data && !list.error && <Loading />}
      {list.data && shown.length === 0 && (
        <Empty description={filter ? t('mk.workbench.empty.filtered') : t(`mk.workbench.empty.${kind}`)}>{!filter && create}</Empty>
      )}
      <section data-testid={`wb-list-${kind}`} data-loading={list.loading ? 'true' : 'false'}>
        {shown.map((x) => (
          <ListingCard key={x.id} kind={kind} item={x} onChanged={list.reload} />
        ))}
      </section>
      {list.data && list.data.total > PAGE_SIZE && (
        <Pagination align="center" current={page} pageSize={PAGE_SIZE} total={list.data.total} showSizeChanger={false} onChange={setPage} />
      )}
    </div>
  );
}
