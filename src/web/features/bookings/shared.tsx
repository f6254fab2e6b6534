/** Small pieces the booking pages share: the status tag and a list of problems. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BookingStatus } from './api';

const STATUS_COLORS: Record<BookingStatus, string> = {
  pending: 'gold',
  confirmed: 'green',
  in_use: 'blue',
  completed: 'cyan',
  declined: 'red',
  cancelled: 'default',
  expired: 'default',
  no_show: 'volcano',
};
export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="booking-status" data-status={status}>
      {t(`bk.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/** One message as text, several as a list (a one-item bullet list inside an alert reads oddly). */
export function Messages({ items }: { items: { path?: string; message: string }[] }) {
  if (items.length === 1) return <>{items[0].message}</>;
  return (
    <ul className="kft-list">
      {items.map((p) => (
        <li key={`${p.path ?? ''} ${p.message}`}>{p.message}</li>
      ))}
    </ul>
  );
}
