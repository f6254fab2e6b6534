/** The catalogue's "free between" card: date, time range and minimum hours, put into the address on submit */
import { useId, useState } from 'react';
import { Button, Card, Input, InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { addDays, fmtSpan, shInstant, todaySh } from '../../../lib/time';
import type { CatalogueFilters, UpdateParams } from '../catalogueQuery';

export default function FreeWindowCard({ f, windowOn, update }: { f: CatalogueFilters; windowOn: boolean; update: UpdateParams }) {
  const { t } = useTranslation();
  const id = useId();
  const [win, setWin] = useState({ date: f.date || addDays(todaySh(), 1), from: f.from || '09:00', to: f.to || '12:00', minHours: f.minHours });
  const windowBad = win.to <= win.from && win.to !== '24:00' ? t('inst.windowOrder') : null;

  return (
    <Card size="small" className="kft-result" title={<h2 className="kft-card-title">{t('inst.freeBetween')}</h2>}>
      <form
        className="kft-window"
        aria-label={t('inst.freeBetween')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!windowBad) update({ date: win.date, from: win.from, to: win.to, minHours: win.minHours });
        }}
      >
        <label className="kft-field" htmlFor={`${id}-date`}>
          <span>{t('inst.date')}</span>
          <Input id={`${id}-date`} type="date" value={win.date} onChange={(e) => setWin({ ...win, date: e.target.value })} data-testid="free-date" />
        </label>
        <label className="kft-field" htmlFor={`${id}-from`}>
          <span>{t('inst.fromTime')}</span>
          <Input id={`${id}-from`} type="time" step={900} value={win.from} onChange={(e) => setWin({ ...win, from: e.target.value })} data-testid="free-from" />
        </label>
        <label className="kft-field" htmlFor={`${id}-to`}>
          <span>{t('inst.toTime')}</span>
          <Input id={`${id}-to`} type="time" step={900} value={win.to} onChange={(e) => setWin({ ...win, to: e.target.value })} data-testid="free-to" />
        </label>
        <label className="kft-field" htmlFor={`${id}-hours`}>
          <span>{t('inst.minHours')}</span>
          <InputNumber
            id={`${id}-hours`}
            min={0.25}
            max={24}
            step={0.5}
            value={win.minHours}
            onChange={(v) => setWin({ ...win, minHours: v })}
            placeholder={t('inst.minHoursAny')}
            data-testid="free-min-hours"
            style={{ width: '100%' }}
          />
        </label>
        <Space className="kft-field-actions">
          <Button type="primary" htmlType="submit" disabled={!!windowBad || !win.date} data-testid="free-search">
            {t('inst.findFree')}
          </Button>
          {windowOn && <Button onClick={() => update({ date: '', from: '', to: '', minHours: '' })}>{t('inst.anyTime')}</Button>}
        </Space>
      </form>
      {windowBad && (
        <div className="kft-error-text" role="alert">
          {windowBad}
        </div>
      )}
      <p className="kft-meta" style={{ margin: '6px 0 0' }}>
        {windowOn ? t('inst.windowActive', { span: fmtSpan(shInstant(f.date, f.from), shInstant(f.date, f.to)) }) : t('inst.windowHint')}
      </p>
    </Card>
  );
}
