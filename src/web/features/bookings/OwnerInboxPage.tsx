/** /workbench/bookings — bookings of my organization's instruments, pending ones first: approve, decline, record usage. */
import { Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useTitle } from '../../shell/context';
import BookingList from './components/BookingList';
import { SignInPrompt } from '../../shell/SignedIn';

const STATUSES = ['pending', 'confirmed', 'in_use', 'completed', 'declined', 'cancelled', 'all'];

export default function OwnerInboxPage() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  useTitle(t('wb.title'));
  if (!ready) return <div className="kft-center"><Spin /></div>;
  if (!user) return <SignInPrompt />;
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">{t('wb.title')}</Typography.Title>
      <p className="kft-meta">{t('wb.help')}</p>
      <BookingList scope="owner" statuses={STATUSES} defaultStatus="pending" />
    </div>
  );
}
