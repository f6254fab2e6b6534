/**
 * The header bell: unread count (polled every 30 s while signed in and the tab is visible) and a drawer with the
 * notifications; opening one marks it read and goes to the page it links to (`link`, e.g. "/demands/12"), or else to
 * the bookings page it is about.
 */
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Drawer, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type AppNotification, type NotificationList } from '../api/client';
import { useAuth } from './context';
import { BellIcon } from './icons';
import { fmtFull } from '../lib/time';

const POLL_MS = 30_000;

export default function NotificationBell() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [data, setData] = useState<NotificationList | null>(null);
  const [open, setOpen] = useState(false);

  const load = useCallback(() => { api<NotificationList>('/api/v1/notifications').then(setData).catch(() => { /* keep the last count */ }); }, []);
  useEffect(() => {
    if (!user) { setData(null); return; }
    load();
    const timer = setInterval(() => { if (document.visibilityState === 'visible') load(); }, POLL_MS);
    const onVisible = () => { if (document.visibilityState === 'visible') load(); };
    document.addEventListener('visibilitychange', onVisible);
    return () => { clearInterval(timer); document.removeEventListener('visibilitychange', onVisible); };
  }, [user, load]);
  useEffect(() => { if (open) load(); }, [open, load]);

  if (!user) return null;
  const unread = data?.unread ?? 0;

  async function read(n: AppNotification) {
    if (!n.readAt) await api(`/api/v1/notifications/${n.id}/read`, { method: 'POST', json: {} }).catch(() => undefined);
    setOpen(false);
    load();
    const link = (n as AppNotification & { link?: string | null }).link;
    navigate(link && link.startsWith('/') && !link.startsWith('//') ? link : n.kind === 'booking.requested' ? '/workbench/bookings' : '/bookings');
  }
  async function readAll() {
    await api('/api/v1/notifications/read-all', { method: 'POST', json: {} }).catch(() => undefined);
    load();
  }

  return (
    <>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button type="text" className="kft-icon-btn" onClick={() => setOpen(true)} data-testid="bell"
          aria-label={unread ? t('notif.labelUnread', { count: unread }) : t('notif.label')}>
          <BellIcon />
        </Button>
      </Badge>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('notif.title')} size={360} data-testid="notifications"
        extra={<Button size="small" onClick={readAll} disabled={!unread}>{t('notif.readAll')}</Button>}>
        {data && data.items.length === 0 ? <Empty description={t('notif.empty')} /> : (
          <List dataSource={data?.items ?? []} loading={!data}
            renderItem={(n) => (
              <List.Item className={n.readAt ? 'kft-notif' : 'kft-notif kft-notif-unread'} data-testid="notification" data-kind={n.kind} data-link={(n as AppNotification & { link?: string | null }).link ?? undefined}>
                <button type="button" className="kft-notif-btn" onClick={() => read(n)}>
                  <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                    <strong>{!n.readAt && <span className="kft-dot" aria-label={t('notif.unread')} />}{n.title}</strong>
                    <Typography.Text>{n.body}</Typography.Text>
                    <span className="kft-meta">{fmtFull(n.createdAt)}</span>
                  </Space>
                </button>
              </List.Item>
            )} />
        )}
      </Drawer>
    </>
  );
}
