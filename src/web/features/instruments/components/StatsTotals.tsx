/** The statistics page's totals: per-instrument-year hours against the national averages, and the period's sums */
import { Card, Col, Progress, Row, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Stats } from '../api';
import { num, yuan } from '../../../lib/time';
import { pct } from '../statsPeriod';

export default function StatsTotals({
  totals,
  years,
  nat,
}: {
  totals: Stats['totals'];
  years: number;
  nat: { workHoursPerYear: number; externalHoursPerYear: number };
}) {
  const { t } = useTranslation();
  const c = t('common.sep'); // '：' in Chinese, ': ' in English
  const h = (v: number) => num(v, 0);
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="stats-totals">
      {[
        { key: 'work', label: t('stats.workPerYear'), v: totals.workHoursPerInstrumentYear, n: nat.workHoursPerYear },
        { key: 'ext', label: t('stats.externalPerYear'), v: totals.externalHoursPerInstrumentYear, n: nat.externalHoursPerYear },
      ].map((x) => (
        <Col xs={24} md={12} key={x.key}>
          <Card size="small">
            <div className="kft-meta">{x.label}</div>
            <div className="kft-big">
              {num(x.v, 0)} <span className="kft-meta">/ {t('stats.nationalAvg', { n: x.n })}</span>
            </div>
            <Progress
              percent={Math.min(100, Math.round((x.v / x.n) * 100))}
              format={() => `${num((x.v / x.n) * 100, 0)}%`}
              aria-label={x.label}
              strokeColor={x.v >= x.n ? '#389e0d' : '#d46b08'}
            />
          </Card>
        </Col>
      ))}
      <Col xs={24}>
        <Card size="small">
          <Space wrap size={[24, 8]}>
            <span>
              {t('stats.instruments')}
              {c}
              <strong>{totals.instruments}</strong>
            </span>
            <span>
              {t('stats.workHours')}
              {c}
              <strong>{h(totals.workHours)}</strong>
            </span>
            <span>
              {t('stats.externalHours')}
              {c}
              <strong>{h(totals.externalHours)}</strong>
            </span>
            <span>
              {t('stats.utilisation')}
              {c}
              <strong>{pct(totals.utilisation)}</strong>
            </span>
            <span>
              {t('stats.sharingRate')}
              {c}
              <strong>{pct(totals.sharingRate)}</strong>
            </span>
            <span>
              {t('stats.outsideOrgs')}
              {c}
              <strong>{totals.outsideOrgs}</strong>
            </span>
            <span>
              {t('stats.income')}
              {c}
              <strong>{yuan(totals.incomeFen)}</strong>
            </span>
            <span className="kft-meta">{t('stats.years', { n: num(years, 2) })}</span>
          </Space>
        </Card>
      </Col>
    </Row>
  );
}
