/** A booking's facts: time, price or estimate, the other side, purpose, actual use, when made, and the decision or cancel reason */
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Booking, BookingSide } from '../api';
import { fmtFull, fmtSpan, num, yuan } from '../../../lib/time';

export default function BookingDetails({ b, side }: { b: Booking; side: BookingSide }) {
  const { t } = useTranslation();
  const c = t('common.sep'); // '：' in Chinese, ': ' in English
  const price = b.priceFen ?? b.estimatedFen;
  return (
    <>
      <div className="kft-booking-body">
        <div className="kft-booking-main">
          <strong>{fmtSpan(b.start, b.end)}</strong>
          <span>
            <span className="kft-meta">
              {b.priceFen != null ? t('bk.price') : t('bk.estimate')}
              {c}
            </span>
            <strong>{yuan(price)}</strong>
            {b.quantity > 1 ? <span className="kft-meta">{t('common.paren', { x: `× ${b.quantity}` })}</span> : null}
          </span>
        </div>
        {side === 'mine' ? (
          <div>
            <span className="kft-meta">
              {t('inst.owner')}
              {c}
            </span>
            {b.ownerName}
          </div>
        ) : (
          <div>
            <span className="kft-meta">
              {t('bk.user')}
              {c}
            </span>
            {b.userName}
            {b.userOrgName ? t('common.paren', { x: b.userOrgName }) : ''} {b.external && <Tag>{t('bf.external')}</Tag>}
          </div>
        )}
        <div>
          <span className="kft-meta">
            {t('bf.purpose')}
            {c}
          </span>
          {b.purpose}
        </div>
        {(b.actualStart || b.workHours != null) && (
          <div>
            <span className="kft-meta">
              {t('bk.actual')}
              {c}
            </span>
            {b.actualStart ? fmtSpan(b.actualStart, b.actualEnd ?? b.actualStart) : '—'}
            {b.workHours != null ? t('common.paren', { x: t('bf.hoursValue', { n: num(b.workHours, 2) }) }) : ''}
          </div>
        )}
        <div className="kft-meta">
          {t('bk.createdAt')}
          {c}
          {fmtFull(b.createdAt)}
          {b.status === 'pending' && b.expiresAt ? ` · ${t('bk.expiresAt', { at: fmtFull(b.expiresAt) })}` : ''}
        </div>
      </div>
      {b.decisionReason && (
        <Alert
          type={b.status === 'declined' ? 'error' : 'info'}
          showIcon
          style={{ marginTop: 8 }}
          data-testid="decision-reason"
          title={`${b.status === 'declined' ? t('bk.declineReason') : t('bk.decisionNote')}${c}${b.decisionReason}`}
        />
      )}
      {b.cancelReason && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`${t('bk.cancelReason')}${c}${b.cancelReason}`} />}
    </>
  );
}
