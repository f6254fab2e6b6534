/** One instrument in the catalogue's results: name, owner, price, tags, free stretches and the add-to-cart button */
import { Link } from 'react-router-dom';
import { Button, Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { InstrumentSummary } from '../api';
import { useNames } from '../../../shell/context';
import { useClasses, usePrice } from '../shared';
import { fmtSpan, num } from '../../../lib/time';

export default function InstrumentResultCard({ i, windowOn, onAdd }: { i: InstrumentSummary; windowOn: boolean; onAdd: (i: InstrumentSummary) => void }) {
  const { t } = useTranslation();
  const c = t('common.sep');
  const names = useNames();
  const cls = useClasses();
  const price = usePrice();

  return (
    <Card key={i.id} size="small" className="kft-result" data-testid="instrument-card" data-id={i.id} data-owner={i.ownerOrgId}>
      <div className="kft-result-head">
        <div className="kft-grow">
          <h3 style={{ margin: 0 }}>
            <Link to={`/instruments/${i.id}`} className="kft-result-name" data-testid="instrument-name">
              {i.name}
            </Link>
          </h3>
          <div className="kft-meta">{[i.model, i.manufacturer].filter(Boolean).join(' · ') || t('common.none')}</div>
          <div className="kft-meta">
            {t('inst.owner')}
            {c}
            <Link to={`/instruments?owner=${i.ownerOrgId}`} className="kft-meta-link">
              {i.ownerName}
            </Link>
          </div>
        </div>
        <div className="kft-price" data-testid="instrument-price">
          {price(i.priceExternalFen, i.priceUnit)}
        </div>
      </div>
      <div className="kft-tags" style={{ marginTop: 6 }}>
        <Tag color="blue">{cls.name(i.classCode, i.className)}</Tag>
        <Tag>{names.district(i.districtCode)}</Tag>
        <Tag>{t(`inst.kinds.${i.kind}`)}</Tag>
        <Tag>{t(`inst.modes.${i.sharingMode}`)}</Tag>
        {i.needsApproval ? <Tag color="orange">{t('inst.needsApproval')}</Tag> : <Tag color="green">{t('inst.instant')}</Tag>}
        {i.needsTraining && <Tag color="purple">{t('inst.needsTraining')}</Tag>}
        {i.status && i.status !== 'in_service' && <Tag color="red">{t(`inst.statuses.${i.status}`)}</Tag>}
      </div>
      {windowOn && i.freeSlots && (
        <div className="kft-free" data-testid="free-slots">
          <span className="kft-meta">
            {t('inst.freeSlots')}
            {c}
          </span>
          {i.freeSlots.map((s) => (
            <Tag key={s.start} color="green" className="kft-slot">
              {fmtSpan(s.start, s.end)}
            </Tag>
          ))}
          {i.longestFreeHours != null && <span className="kft-meta">{t('inst.longest', { h: num(i.longestFreeHours, 1) })}</span>}
        </div>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {i.sharingMode === 'members' && i.canBook === false ? (
          <span className="kft-meta" data-testid="members-only">
            {t('inst.membersOnlyShort')}
          </span>
        ) : (
          <Button type="primary" size="small" onClick={() => onAdd(i)} data-testid="open-add" aria-label={`${t('bf.add')}${c}${i.name}`}>
            {t('bf.add')}
          </Button>
        )}
        <Link to={`/instruments/${i.id}`}>{t('inst.details')}</Link>
      </Space>
    </Card>
  );
}
