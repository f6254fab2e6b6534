/** /bookings — my bookings with their outcome, and a private calendar feed (webcal URL) to subscribe to. */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { makeCalendarFeed, type BookingStatus } from './api';
import { useAuth, useTitle } from '../../shell/context';
import BookingList from './components/BookingList';
import { SignInPrompt } from '../../shell/SignedIn';

/** The status filter's choices, in its order: a runtime list of the generated BookingStatus, and 'all' */
const STATUSES = ['all', 'pending', 'confirmed', 'in_use', 'completed', 'declined', 'cancelled', 'expired'] as const satisfies readonly (
  | 'all'
  | BookingStatus
)[];

function CalendarFeed() {
  const { t } = useTranslation();
  const feed = useMutation({ mutationFn: makeCalendarFeed });
  const url = feed.data ? new URL(feed.data.url, window.location.origin).href : null;
  const error = feed.error?.message ?? null;
  const busy = feed.isPending;
  const make = () => feed.mutate();
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={<h2 className="kft-card-title">{t('bk.feedTitle')}</h2>}>
      <p className="kft-meta" style={{ marginTop: 0 }}>
        {t('bk.feedHelp')}
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {url ? (
        <Typography.Paragraph
          copyable={{ text: url, tooltips: [t('bk.copy'), t('bk.copied')] }}
          code
          className="kft-url"
          data-testid="feed-url"
          style={{ marginBottom: 0 }}
        >
          {url}
        </Typography.Paragraph>
      ) : (
        <Button onClick={make} loading={busy} data-testid="make-feed">
          {t('bk.feedButton')}
        </Button>
      )}
      {url && (
        <p className="kft-meta" style={{ margin: '6px 0 0' }}>
          {t('bk.feedWarning')}
        </p>
      )}
    </Card>
  );
}

export default function MyBookingsPage() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  useTitle(t('bk.title'));
  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!user) return <SignInPrompt />;
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('bk.title')}
      </Typography.Title>
      <CalendarFeed />
      <BookingList scope="mine" statuses={STATUSES} defaultStatus="all" />
    </div>
  );
}
