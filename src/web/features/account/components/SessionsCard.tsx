/** 我的登录设备: each session with its device, address and times; 结束 one, or 退出其他设备. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtStamp } from '../../../lib/time';
import { revokeOthers, revokeSession, sessionsQuery, type AccountSession } from '../api';
import { readableAgent } from '../userAgent';

export default function SessionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const sessions = useQuery(sessionsQuery);
  const refresh = () => qc.invalidateQueries({ queryKey: sessionsQuery.queryKey });
  const end = useMutation({
    mutationFn: revokeSession,
    onSuccess: () => {
      message.success(t('acct.sessions.ended'));
      return refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const others = useMutation({
    mutationFn: revokeOthers,
    onSuccess: (r) => {
      message.success(t('acct.sessions.othersEnded', { count: r.revoked }));
      return refresh();
    },
    onError: (e) => message.error(e.message),
  });
  const items = sessions.data ?? [];
  const hasOthers = items.some((s) => !s.current);

  return (
    <Card
      title={<h2 className="kft-card-title">{t('acct.sessions.title')}</h2>}
      data-testid="sessions-card"
      extra={
        <Popconfirm
          title={t('acct.sessions.othersConfirm')}
          okText={t('acct.sessions.others')}
          cancelText={t('common.cancel')}
          onConfirm={() => others.mutate()}
        >
          <Button size="small" disabled={!hasOthers} loading={others.isPending}>
            {t('acct.sessions.others')}
          </Button>
        </Popconfirm>
      }
    >
      {sessions.error && <Alert type="error" showIcon title={sessions.error.message} />}
      <Table<AccountSession>
        rowKey="id"
        size="small"
        loading={sessions.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(s) => ({ 'data-testid': 'session-row', 'data-current': String(s.current) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'device',
            title: t('acct.sessions.device'),
            render: (_, s) => (
              <span title={s.userAgent ?? undefined}>
                {readableAgent(s.userAgent) ?? t('acct.sessions.unknownDevice')} {s.current && <Tag color="green">{t('acct.sessions.current')}</Tag>}
              </span>
            ),
          },
          { key: 'ip', title: t('acct.sessions.ip'), render: (_, s) => s.ip ?? t('common.none') },
          { key: 'created', title: t('acct.sessions.signedIn'), render: (_, s) => fmtStamp(s.createdAt) },
          { key: 'seen', title: t('acct.sessions.lastSeen'), render: (_, s) => fmtStamp(s.lastSeenAt) },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, s) =>
              s.current ? null : (
                <Popconfirm
                  title={t('acct.sessions.endConfirm')}
                  okText={t('acct.sessions.end')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => end.mutate(s.id)}
                >
                  <Button size="small" danger>
                    {t('acct.sessions.end')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <p className="kft-meta">{t('acct.sessions.timeNote')}</p>
    </Card>
  );
}
