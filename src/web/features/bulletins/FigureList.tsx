/** A bulletin's figures: each indicator's value, its period and how it was obtained, and the progress to its target. */
import { List, Progress as Bar, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOUR } from '../statistics/components/ProgressCell';
import type { BulletinFigure } from './api';
import { useExactFigure, useIsEnglish } from './format';

export default function FigureList({ figures, testId }: { figures: BulletinFigure[]; testId: string }) {
  const { t } = useTranslation();
  const figure = useExactFigure();
  const en = useIsEnglish();
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={figures}
      renderItem={(f) => (
        <List.Item
          key={f.indicatorId}
          data-testid="bulletin-figure"
          data-indicator-id={f.indicatorId}
          data-value={f.value ?? ''}
          className="kft-bulletin-figure"
        >
          <div className="kft-bulletin-figure-name">
            <strong>{en ? f.nameEn : f.nameZh}</strong>
            <span className="kft-meta">
              {f.period ? t('bulletin.valuePeriod', { period: f.period }) : ''} · {t(`bulletin.method.${f.method}`)}
            </span>
          </div>
          <div className="kft-bulletin-figure-value" data-testid="figure-value">
            {f.value === null ? t('bulletin.noValue') : figure(f.value, f.unit)}
          </div>
          <div className="kft-bulletin-figure-progress">
            {f.target ? (
              <>
                <span className="kft-meta">{t('bulletin.target', { year: f.target.year, value: figure(f.target.value, f.unit) })}</span>
                {f.target.percent !== null && (
                  <Bar
                    percent={Math.min(100, f.target.percent)}
                    format={() => `${f.target?.percent}%`}
                    size="small"
                    status={f.target.status === 'missed' ? 'exception' : undefined}
                  />
                )}
                <Tag color={STATUS_COLOUR[f.target.status]} bordered={false}>
                  {t(`stats14.status.${f.target.status}`)}
                </Tag>
              </>
            ) : (
              <span className="kft-meta">{t('bulletin.noTarget')}</span>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}
