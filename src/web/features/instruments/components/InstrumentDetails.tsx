/** All fields of one instrument: description, prices, opening hours and booking rules. */
import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Instrument } from '../api';
import { useNames } from '../../../shell/context';
import { useClasses, usePrice } from '../shared';
import { yuan } from '../../../lib/time';

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

export function minutesText(t: (k: string, o?: Record<string, unknown>) => string, m: number) {
  if (m % 1440 === 0) return t('inst.days', { n: m / 1440 });
  if (m % 60 === 0) return t('inst.hoursN', { n: m / 60 });
  return t('inst.minutes', { n: m });
}

export default function InstrumentDetails({ ins }: { ins: Instrument }) {
  const { t } = useTranslation();
  const names = useNames();
  const price = usePrice();
  const cls = useClasses();
  const text = (v: string | null | undefined) =>
    v ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{v}</Typography.Paragraph> : t('common.none');
  const span2 = { xs: 1, md: 2 } as const;
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        styles={{ label: { width: 130 } }}
        title={<h2 className="kft-card-title">{t('inst.basic')}</h2>}
        items={[
          { key: 'model', label: t('inst.model'), children: ins.model ?? t('common.none') },
          { key: 'manufacturer', label: t('inst.manufacturer'), children: ins.manufacturer ?? t('common.none') },
          { key: 'class', label: t('inst.class'), children: cls.name(ins.classCode, ins.className) },
          { key: 'kind', label: t('inst.kind'), children: t(`inst.kinds.${ins.kind}`) },
          { key: 'owner', label: t('inst.owner'), children: ins.ownerName },
          { key: 'district', label: t('inst.district'), children: names.district(ins.districtCode) },
          { key: 'address', label: t('inst.address'), children: [ins.address, ins.room].filter(Boolean).join(' ') || t('common.none'), span: span2 },
          { key: 'value', label: t('inst.originalValue'), children: yuan(ins.originalValueFen) },
          { key: 'purchase', label: t('inst.purchaseDate'), children: ins.purchaseDate ?? t('common.none') },
          {
            key: 'status',
            label: t('inst.status'),
            children: <Tag color={ins.status === 'in_service' ? 'green' : 'red'}>{t(`inst.statuses.${ins.status}`)}</Tag>,
          },
          { key: 'contact', label: t('inst.contact'), children: [ins.contactName, ins.contactPhone].filter(Boolean).join(' ') || t('common.none') },
          { key: 'spec', label: t('inst.specifications'), children: text(ins.specifications), span: span2 },
          { key: 'cap', label: t('inst.capabilities'), children: text(ins.capabilities), span: span2 },
          { key: 'sample', label: t('inst.sampleRequirements'), children: text(ins.sampleRequirements), span: span2 },
        ]}
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        styles={{ label: { width: 130 } }}
        style={{ marginTop: 16 }}
        title={<h2 className="kft-card-title">{t('inst.pricesAndRules')}</h2>}
        items={[
          { key: 'mode', label: t('inst.sharingMode'), children: t(`inst.modes.${ins.sharingMode}`) },
          { key: 'unit', label: t('inst.priceUnit'), children: t(`inst.unit.${ins.priceUnit}`) },
          { key: 'ext', label: t('inst.priceExternal'), children: <span data-testid="price-external">{price(ins.priceExternalFen, ins.priceUnit)}</span> },
          { key: 'int', label: t('inst.priceInternal'), children: price(ins.priceInternalFen, ins.priceUnit) },
          ...(ins.offPeakPriceFen != null
            ? [
                {
                  key: 'off',
                  label: t('inst.offPeakPrice'),
                  children: `${price(ins.offPeakPriceFen, ins.priceUnit)}${t('common.paren', { x: t('inst.peakWindow', { from: ins.peakStart, to: ins.peakEnd }) })}`,
                  span: span2,
                },
              ]
            : []),
          { key: 'len', label: t('inst.bookingLength'), children: `${minutesText(t, ins.minBookingMinutes)} – ${minutesText(t, ins.maxBookingMinutes)}` },
          { key: 'notice', label: t('inst.noticeHours'), children: ins.noticeHours ? t('inst.hoursBefore', { n: ins.noticeHours }) : t('inst.noNotice') },
          { key: 'advance', label: t('inst.maxAdvanceDays'), children: t('inst.daysAhead', { n: ins.maxAdvanceDays }) },
          {
            key: 'cancel',
            label: t('inst.cancelNoticeHours'),
            children: ins.cancelNoticeHours ? t('inst.hoursBefore', { n: ins.cancelNoticeHours }) : t('inst.cancelAnytime'),
          },
          {
            key: 'approval',
            label: t('inst.approval'),
            children: ins.needsApproval ? <Tag color="orange">{t('inst.needsApproval')}</Tag> : <Tag color="green">{t('inst.instant')}</Tag>,
          },
          {
            key: 'training',
            label: t('inst.training'),
            children: ins.needsTraining ? <Tag color="purple">{t('inst.needsTraining')}</Tag> : t('inst.noTraining'),
          },
          {
            key: 'hours',
            label: t('inst.openingHours'),
            span: span2,
            children: (
              <ul className="kft-hours" data-testid="opening-hours">
                {WEEKDAYS.map((d) => (
                  <li key={d}>
                    <span className="kft-hours-day">{t(`cal.weekdays.${d}`)}</span>
                    {ins.openingHours[d]?.length ? ins.openingHours[d].map(([a, b]) => `${a}–${b}`).join(t('common.listSep')) : t('inst.closedDay')}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
    </>
  );
}
