/** 编辑 / 发布 / 审核 / 关闭 of an achievement or demand, as its status and the viewer allow. */
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../shell/context';
import { COLLECTION, itemAction, type ItemStatus, type ListingAction, type ListingKind } from '../api';

export function ItemActions({ kind, item, onChanged }: { kind: ListingKind; item: { id: number; status: ItemStatus; title: string }; onChanged: () => void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const run = useMutation({
    mutationFn: ({ action, body }: { action: ListingAction; body?: { approve?: boolean; reason?: string } }) => itemAction(kind, item.id, action, body),
    onSuccess: (r, { action }) => {
      message.success(action === 'publish' && r.status === 'in_review' ? t('mk.action.submittedForReview') : t(`mk.action.done.${action}`));
      onChanged();
    },
    onError: (err) =>
      message.error(err.fields?.length ? `${err.message}${t('common.sep')}${err.fields.map((f) => f.message).join(t('common.msgSep'))}` : err.message),
  });
  const busy = run.isPending ? run.variables.action : null;
  const act = (action: ListingAction, body?: { approve?: boolean; reason?: string }) => run.mutate({ action, body });
  function returnForm() {
    let reason = '';
    modal.confirm({
      title: t('mk.action.returnTitle'),
      content: (
        <textarea
          className="ant-input"
          rows={3}
          style={{ width: '100%' }}
          aria-label={t('mk.action.returnReason')}
          onChange={(e) => {
            reason = e.target.value;
          }}
        />
      ),
      okText: t('mk.action.return'),
      cancelText: t('common.cancel'),
      onOk: () => act('review', { approve: false, reason }),
    });
  }
  return (
    <Space wrap>
      <Button onClick={() => navigate(`/${COLLECTION[kind]}/${item.id}/edit`)} data-testid="edit-item">
        {t('mk.action.edit')}
      </Button>
      {item.status === 'draft' && (
        <Button type="primary" loading={busy === 'publish'} onClick={() => act('publish')} data-testid="publish-item">
          {t('mk.action.publish')}
        </Button>
      )}
      {user?.role === 'admin' && item.status === 'in_review' && (
        <>
          <Button type="primary" loading={busy === 'review'} onClick={() => act('review', { approve: true })} data-testid="approve-item">
            {t('mk.action.approve')}
          </Button>
          <Button onClick={returnForm}>{t('mk.action.return')}</Button>
        </>
      )}
      {(item.status === 'published' || item.status === 'in_review') && (
        <Popconfirm title={t('mk.action.closeConfirm')} okText={t('mk.action.close')} cancelText={t('common.cancel')} onConfirm={() => act('close')}>
          <Button danger loading={busy === 'close'} data-testid="close-item">
            {t('mk.action.close')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
