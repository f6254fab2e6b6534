/**
 * /instruments/:id — one instrument: its fields, photos, prices and rules, the week calendar of free / taken /
 * closed time (previous / next week via ?week=), and a booking form that the calendar selection prefills.
 * Owners get an edit button and the exceptions / training / photo tools.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Image, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { availabilityQuery, instrumentKeys, instrumentQuery, type Span } from './api';
import { useAuth, useTitle } from '../../shell/context';
import BookingForm from '../bookings/components/BookingForm';
import InstrumentDetails from './components/InstrumentDetails';
import OwnerTools from './components/OwnerTools';
import WeekCalendar from './components/WeekCalendar';
import { addDays, fmtDay, mondayOf, shInstant, shMs, todaySh } from '../../lib/time';

export default function InstrumentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [sp, setSp] = useSearchParams();
  const week = mondayOf(/^\d{4}-\d{2}-\d{2}$/.test(sp.get('week') ?? '') ? sp.get('week')! : todaySh());
  const qc = useQueryClient();
  const { data: ins, error } = useQuery(instrumentQuery(Number(id)));
  // the availability with the week it was read for: after ‹ / › the calendar keeps showing the week it has data
  // for (dimmed) until the new week's arrives, never new dates over the old week's free time
  const avQuery = useQuery(availabilityQuery(Number(id), week, { from: shInstant(week, '00:00'), to: shInstant(addDays(week, 7), '00:00') }));
  const av = avQuery.data ?? null;
  const avError = avQuery.error?.message ?? null;
  const [selection, setSelection] = useState<Span | null>(null);
  // the owner changed exceptions or photos: the instrument and its calendar are read again
  const reload = () => {
    void qc.invalidateQueries({ queryKey: instrumentKeys.detail(Number(id)) });
    void qc.invalidateQueries({ queryKey: instrumentKeys.availability(Number(id)) });
  };
  useTitle(ins?.name ?? t('common.loading'));

  if (error)
    return (
      <Result
        status={error.status === 404 ? '404' : 'error'}
        title={error.status === 404 ? '404' : t('common.error')}
        subTitle={error.message}
        extra={<Link to="/instruments">{t('nav.instruments')}</Link>}
      />
    );
  if (!ins)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );

  const goWeek = (n: number) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('week', addDays(week, 7 * n));
        return next;
      },
      { replace: true },
    );
  const weekLabel = `${fmtDay(shMs(week, '12:00'))} – ${fmtDay(shMs(addDays(week, 6), '12:00'))}`;

  return (
    <div>
      <div className="kft-toolbar">
        <div>
          <Typography.Title level={1} className="kft-page-title" style={{ marginBottom: 4 }} data-testid="instrument-title">
            {ins.name}
          </Typography.Title>
          <div className="kft-meta">
            {[ins.model, ins.manufacturer].filter(Boolean).join(' · ')}
            {ins.model || ins.manufacturer ? ' · ' : ''}
            <Link to={`/instruments?owner=${ins.ownerOrgId}`} className="kft-meta-link">
              {ins.ownerName}
            </Link>
          </div>
        </div>
        <Space wrap>
          <Link to="/instruments">{t('common.back')}</Link>
          <a href={`/api/v1/instruments/${ins.id}/calendar.ics`} data-testid="ics-link">
            {t('inst.ics')}
          </a>
          {ins.canManage && (
            <Button type="primary" onClick={() => navigate(`/instruments/${ins.id}/edit`)} data-testid="edit-instrument">
              {t('inst.edit')}
            </Button>
          )}
        </Space>
      </div>
      {ins.needsTraining && user && !ins.qualified && <Alert type="warning" showIcon title={t('inst.notQualified')} style={{ margin: '8px 0' }} />}
      {ins.status !== 'in_service' && <Alert type="error" showIcon title={t(`inst.statuses.${ins.status}`)} style={{ margin: '8px 0' }} />}
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            className="kft-cal-card"
            title={<h2 className="kft-card-title">{t('cal.title')}</h2>}
            extra={
              <Space size={4}>
                <Button size="small" onClick={() => goWeek(-1)} aria-label={t('cal.prevWeek')} data-testid="prev-week">
                  ‹ {t('cal.prev')}
                </Button>
                <Button size="small" onClick={() => setSp(new URLSearchParams(), { replace: true })}>
                  {t('cal.thisWeek')}
                </Button>
                <Button size="small" onClick={() => goWeek(1)} aria-label={t('cal.nextWeek')} data-testid="next-week">
                  {t('cal.next')} ›
                </Button>
              </Space>
            }
          >
            <p className="kft-meta" style={{ marginTop: 0 }} data-testid="week-label">
              {weekLabel} · {t('cal.hint')}
            </p>
            {avError && <Alert type="error" showIcon title={avError} />}
            {!av && !avError && (
              <div className="kft-center">
                <Spin />
              </div>
            )}
            {av && (
              <Spin spinning={av.week !== week}>
                <div data-testid="week-shown" data-week={av.week} aria-busy={av.week !== week}>
                  <WeekCalendar
                    weekStart={av.week}
                    availability={av.data}
                    minBookingMinutes={ins.minBookingMinutes}
                    selection={selection}
                    onSelect={setSelection}
                  />
                </div>
              </Spin>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={<h2 className="kft-card-title">{t('bf.title')}</h2>}>
            {ins.sharingMode === 'members' && ins.canBook === false ? (
              <Alert type="info" showIcon title={t('inst.membersOnly', { owner: ins.ownerName })} data-testid="members-only" />
            ) : (
              <BookingForm instrument={ins} initial={selection} />
            )}
          </Card>
        </Col>
      </Row>
      {ins.photoIds.length > 0 && (
        <Card size="small" style={{ marginTop: 16 }} title={<h2 className="kft-card-title">{t('inst.photos')}</h2>}>
          <Image.PreviewGroup>
            <Space wrap>
              {ins.photoIds.map((p, n) => (
                <Image
                  key={p}
                  width={160}
                  height={120}
                  style={{ objectFit: 'cover' }}
                  src={`/api/v1/instrument-photos/${p}`}
                  alt={t('inst.photoAlt', { name: ins.name, n: n + 1 })}
                />
              ))}
            </Space>
          </Image.PreviewGroup>
        </Card>
      )}
      <Card size="small" style={{ marginTop: 16 }}>
        <InstrumentDetails ins={ins} />
      </Card>
      {ins.canManage && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={
            <h2 className="kft-card-title">
              {t('owner.title')} <Tag>{t('owner.onlyYou')}</Tag>
            </h2>
          }
        >
          <OwnerTools ins={ins} onChanged={reload} />
        </Card>
      )}
    </div>
  );
}
