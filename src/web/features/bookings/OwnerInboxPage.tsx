/** /workbench/bookings — bookings of my organization's instruments, pending ones first: approve, decline, record usage. */
import { Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useTitle } from '../../shell/context';
import type { BookingStatus } from './api';
import BookingList from './components/BookingList';
import { SignInPrompt } from '../../shell/SignedIn';

/** The status filter's choices, in its order: a runtime list of the generated BookingStatus, and 'all' */
const STATUSES = ['pending', 'confirmed', 'in_use', 'completed', 'declined', 'cancelled', 'all'] as const satisfies readonly ('all' | BookingStatus)[];

export default function OwnerInboxPage() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  useTitle(t('wb.title'));
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
        {t('wb.title')}
      </Typography.Title>
      <p className="kft-meta">{t('wb.help')}</p>
      <BookingList scope="owner" statuses={STATUSES} defaultStatus="pending" />
    </div>
  );
}
