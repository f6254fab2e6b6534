/**
 * The header bell: unread count (polled every 30 s while signed in and the tab is visible) and a drawer with the
 * notifications; opening one marks it read and goes to the page it links to (`link`, e.g. "/demands/12"), or else to
 * the bookings page it is about.
 */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { markAllRead, markRead, notificationsQuery, type AppNotification } from './api';
import { useAuth } from './context';
import { BellIcon } from './icons';
import { fmtFull } from '../lib/time';

const POLL_MS = 30_000;

export default function NotificationBell() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  // polled while signed in and the tab is visible (TanStack Query pauses the interval in a hidden tab), and asked
  // again when the tab becomes visible; a failed poll keeps the last count
  const { data: loaded, refetch } = useQuery({ ...notificationsQuery, enabled: !!user, refetchInterval: POLL_MS, refetchOnWindowFocus: true });
  const data = user ? (loaded ?? null) : null;
  useEffect(() => {
    if (open) void refetch();
  }, [open, refetch]);
  const reload = () => qc.invalidateQueries({ queryKey: notificationsQuery.queryKey });
  const readOne = useMutation({ mutationFn: markRead, onSettled: reload });
  const readEvery = useMutation({ mutationFn: markAllRead, onSettled: reload });

  if (!user) return null;
  const unread = data?.unread ?? 0;

  async function read(n: AppNotification) {
    if (!n.readAt) await readOne.mutateAsync(n.id).catch(() => undefined);
    else void reload();
    setOpen(false);
    const link = n.link;
    navigate(link?.startsWith('/') && !link.startsWith('//') ? link : n.kind === 'booking.requested' ? '/workbench/bookings' : '/bookings');
  }
  const readAll = () => readEvery.mutate();

  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          className="kft-icon-btn"
          onClick={() => setOpen(true)}
          data-testid="bell"
          aria-label={unread ? t('notif.labelUnread', { count: unread }) : t('notif.label')}
        >
          <BellIcon />
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('notif.title')}
        size={360}
        data-testid="notifications"
        extra={
          <Button size="small" onClick={readAll} disabled={!unread}>
            {t('notif.readAll')}
          </Button>
        }
      >
        {data && data.items.length === 0 ? (
          <Empty description={t('notif.empty')} />
        ) : (
          <List
            dataSource={data?.items ?? []}
            loading={!data}
            renderItem={(n) => (
              <List.Item
                className={n.readAt ? 'kft-notif' : 'kft-notif kft-notif-unread'}
                data-testid="notification"
                data-kind={n.kind}
                data-link={n.link ?? undefined}
              >
                <button type="button" className="kft-notif-btn" onClick={() => read(n)}>
                  <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                    <strong>
                      {!n.readAt && (
                        <>
                          <span className="kft-dot" aria-hidden="true" />
                          <span className="kft-sr-only">{t('notif.unread')}</span>
                        </>
                      )}
                      {n.title}
                    </strong>
                    <Typography.Text>{n.body}</Typography.Text>
                    <span className="kft-meta">{fmtFull(n.createdAt)}</span>
                  </Space>
                </button>
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
