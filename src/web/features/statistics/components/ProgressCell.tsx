/** An indicator's progress to each of its targets: the bar, the status, and what the straight path expects by now. */
import { Progress as Bar, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Indicator, ProgressStatus } from '../api';
import { useFigure } from '../format';

export const STATUS_COLOUR: Record<ProgressStatus, string> = {
  achieved: 'success',
  on_track: 'processing',
  behind: 'warning',
  missed: 'error',
  unknown: 'default',
  no_value: 'default',
};

export default function ProgressCell({ indicator: i, showYear }: { indicator: Pick<Indicator, 'progress' | 'unit'>; showYear?: boolean }) {
  const { t } = useTranslation();
  const figure = useFigure();
  if (!i.progress.length) return <span className="kft-meta">{t('dash.noTarget')}</span>;
  return (
    <>
      {i.progress.map((p) => (
        <div key={p.year} className="kft-ind-progress" data-testid="indicator-progress" data-status={p.status} data-year={p.year}>
          {showYear && <span className="kft-meta">{t('dash.targetOf', { year: p.year, value: figure(p.target, i.unit) })}</span>}
          {p.percent !== null && (
            <Bar percent={Math.min(100, p.percent)} format={() => `${p.percent}%`} size="small" status={p.status === 'missed' ? 'exception' : undefined} />
          )}
          <Tag color={STATUS_COLOUR[p.status]} bordered={false}>
            {t(`stats14.status.${p.status}`)}
          </Tag>
          {p.expected !== null && p.status !== 'achieved' && p.status !== 'missed' && (
            <span className="kft-meta">{t('stats14.expected', { value: figure(p.expected, i.unit) })}</span>
          )}
        </div>
      ))}
    </>
  );
}
