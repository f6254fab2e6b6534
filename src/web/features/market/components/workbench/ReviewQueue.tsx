/** The workbench's review queue (city admins): items in review, approved or returned with a reason. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { itemAction, type ListOf } from '../../api';
import { fmtDateTime } from '../../shared';
import { Count, Loading, PAGE, errorText, orgOf, stamp, textOf, type Kind, type Listing, type Listings, type Loaded } from './shared';

function ReviewCard({ kind, item, onDone }: { kind: Kind; item: Listing; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { message } = App.useApp();

  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sep = t('common.msgSep');
  const reasonId = `return-reason-${kind}-${item.id}`;

  const decide = useMutation({
    mutationFn: (approve: boolean) => itemAction(kind, item.id, 'review', approve ? { approve: true } : { approve: false, reason: reason.trim() }),
    onMutate: () => {
      setError(null);
      setReasonError(null);
    },
    onSuccess: (_r, approve) => {
      message.success(t(approve ? 'mk.workbench.review.approved' : 'mk.workbench.review.returned', { title: item.title }));
      onDone();
    },
    onError: (e, approve) => {
      const own = e.fields.filter((f) => f.path === 'reason' || f.path.endsWith('.reason'));
      if (!approve && own.length) setReasonError(own.map((f) => f.message).join(sep));
      else setError(errorText(e, sep));
    },
  });
  const busy = decide.isPending ? (decide.variables ? 'approve' : 'return') : null;
  const review = (approve: boolean) => decide.mutate(approve);

  return (
    <Card size="small" className="kft-result" data-testid="review-item" data-kind={kind} data-id={item.id}>
      <div className="kft-wb-row">
        <div className="kft-wb-main">
          <div className="kft-title-row">
            <Tag color={kind === 'achievement' ? 'blue' : 'orange'}>{t(`mk.kindOne.${kind}`)}</Tag>
            <h3 className="kft-wb-title">
              <Link to={`${PAGE[kind]}/${item.id}`}>{item.title}</Link>
            </h3>
          </div>
          <div className="kft-meta" style={{ marginTop: 2 }}>
            {t('mk.workbench.review.submitted', { org: orgOf(item), date: fmtDateTime(stamp(item), en) })}
          </div>
        </div>
        {!returning && (
          <Space wrap size={8} className="kft-wb-actions">
            <Button type="primary" loading={busy === 'approve'} onClick={() => review(true)} data-testid="review-approve">
              {t('mk.action.approve')}
            </Button>
            <Button
              onClick={() => {
                setReturning(true);
                setReasonError(null);
              }}
              data-testid="review-return"
            >
              {t('mk.action.return')}
            </Button>
          </Space>
        )}
      </div>
      <p className="kft-snippet" style={{ marginTop: 6 }}>
        {textOf(item)}
      </p>
      {returning && (
        <Form layout="vertical" component="div" className="kft-wb-return">
          <Form.Item
            label={t('mk.workbench.review.reason')}
            htmlFor={reasonId}
            required
            validateStatus={reasonError ? 'error' : undefined}
            help={reasonError ?? undefined}
            style={{ marginBottom: 8 }}
          >
            <Input.TextArea
              id={reasonId}
              rows={2}
              maxLength={500}
              value={reason}
              autoFocus
              placeholder={t('mk.workbench.review.reasonPlaceholder')}
              onChange={(e) => {
                setReason(e.target.value);
                if (reasonError) setReasonError(null);
              }}
              data-testid="review-reason"
            />
          </Form.Item>
          <Space wrap size={8}>
            <Button type="primary" danger loading={busy === 'return'} onClick={() => review(false)} data-testid="review-return-confirm">
              {t('mk.workbench.review.confirmReturn')}
            </Button>
            <Button
              onClick={() => {
                setReturning(false);
                setReasonError(null);
              }}
            >
              {t('common.cancel')}
            </Button>
          </Space>
        </Form>
      )}
      {error && <Alert type="error" showIcon className="kft-wb-note" role="alert" title={error} />}
    </Card>
  );
}

export default function ReviewQueue({ achievements, demands }: { achievements: Loaded<ListOf['achievement']>; demands: Loaded<ListOf['demand']> }) {
  const { t } = useTranslation();
  const sections: { kind: Kind; list: Loaded<Listings> }[] = [
    { kind: 'achievement', list: achievements },
    { kind: 'demand', list: demands },
  ];
  const loaded = !!achievements.data && !!demands.data;
  const none = loaded && achievements.data!.items.length === 0 && demands.data!.items.length === 0;
  return (
    <div>
      <p className="kft-meta" style={{ marginTop: 0 }}>
        {t('mk.workbench.review.help')}
      </p>
      {sections.map(({ kind, list }) => list.error && <Alert key={kind} type="error" showIcon title={list.error} style={{ marginBottom: 12 }} />)}
      {!loaded && !achievements.error && !demands.error && <Loading />}
      {none && <Empty description={t('mk.workbench.review.empty')} data-testid="review-empty" />}
      {loaded &&
        !none &&
        sections.map(({ kind, list }) => (
          <section key={kind} data-testid={`review-${kind}`} style={{ marginBottom: 16 }}>
            <h2 className="kft-wb-section">
              {t(`mk.workbench.review.${kind === 'achievement' ? 'achievements' : 'demands'}`)}
              <Count n={list.data!.total} />
            </h2>
            {list.data!.items.length === 0 && <p className="kft-meta">{t('mk.workbench.review.none')}</p>}
            {list.data!.items.map((x) => (
              <ReviewCard key={x.id} kind={kind} item={x} onDone={list.reload} />
            ))}
          </section>
        ))}
    </div>
  );
}
