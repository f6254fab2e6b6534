/**
 * /bulletins/:id — a published bulletin as its readers meet it: number, period, date, the text, the figures as they
 * were frozen at publication, the PDF and xlsx of the version; every version (?v=1 an earlier one, with a banner
 * saying it was corrected). Its office also finds the way to change the draft or correct it.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, List, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useTitle } from '../../shell/context';
import { fmtStamp } from '../../lib/time';
import { ApiError } from '../../api/client';
import { bulletinQuery, versionQuery } from './api';
import FigureList from './FigureList';
import { periodLabel, useIsEnglish } from './format';
import { useScopeName } from './BulletinListPage';
import './bulletins.css';

export default function BulletinPage() {
  const { t } = useTranslation();
  const en = useIsEnglish();
  const scopeName = useScopeName();
  const id = Number(useParams().id);
  const [search] = useSearchParams();
  const asked = Number(search.get('v')) || null;
  const bulletin = useQuery(bulletinQuery(id));
  const b = bulletin.data;
  const wanted = asked && b && asked !== b.latestVersion ? asked : null;
  const older = useQuery({ ...versionQuery(id, wanted ?? 1), enabled: !!wanted });
  const v = wanted ? older.data : b?.published;
  useTitle(v?.title ?? t('bulletin.title'));

  if (bulletin.error)
    return bulletin.error instanceof ApiError && bulletin.error.status === 404 ? (
      <Result status="404" title="404" subTitle={bulletin.error.message} extra={<Link to="/bulletins">{t('bulletin.back')}</Link>} />
    ) : (
      <Alert type="error" showIcon title={String((bulletin.error as Error).message)} />
    );
  if (!b || (wanted && older.isLoading)) return <Skeleton active />;
  if (!v)
    // a draft, seen by its office only: the way to its form
    return (
      <Result
        status="info"
        title={b.draft?.title}
        subTitle={t('bulletin.status.draft')}
        extra={
          <Link to={`/bulletins/${id}/edit`}>
            <Button type="primary">{t('bulletin.edit')}</Button>
          </Link>
        }
      />
    );
  return (
    <div data-testid="bulletin-page" data-bulletin-id={id} data-version={v.version}>
      <Link to="/bulletins">← {t('bulletin.back')}</Link>
      {wanted && (
        <Alert
          className="kft-front-section"
          type="warning"
          showIcon
          data-testid="old-version"
          title={
            <>
              {t('bulletin.oldVersion', { version: v.version })}
              <Link to={`/bulletins/${id}`}>{t('bulletin.toLatest')}</Link>
            </>
          }
        />
      )}
      <Typography.Title level={1} className="kft-page-title" data-testid="bulletin-title">
        {v.title}
      </Typography.Title>
      <Space size={[12, 4]} wrap>
        <strong className="kft-bulletin-number" data-testid="bulletin-number">
          {v.number}
        </strong>
        <span>
          {t('bulletin.period')}：{periodLabel(v.period, en)}
        </span>
        <span>{scopeName(v.scope)}</span>
        <span className="kft-meta">
          {t('bulletin.publishedAt')}：{fmtStamp(v.publishedAt)}
        </span>
        {v.version > 1 && <Tag color="warning">{t('bulletin.version', { version: v.version })}</Tag>}
      </Space>
      {v.correctionNote && (
        <Alert className="kft-front-section" type="info" showIcon data-testid="correction-note" title={t('bulletin.correction', { note: v.correctionNote })} />
      )}
      <Space wrap className="kft-bulletin-actions">
        <Button href={v.pdf} download data-testid="download-pdf">
          {t('bulletin.downloadPdf')}
        </Button>
        <Button href={v.xlsx} download data-testid="download-xlsx">
          {t('bulletin.downloadXlsx')}
        </Button>
        {b.can.edit && (
          <Link to={`/bulletins/${id}/edit`}>
            <Button type="primary" data-testid="bulletin-correct">
              {t('bulletin.correct')}
            </Button>
          </Link>
        )}
      </Space>
      {v.lead && (
        <Typography.Paragraph className="kft-bulletin-body" data-testid="bulletin-lead">
          {v.lead}
        </Typography.Paragraph>
      )}
      {v.sections.map((s) => (
        // a version's sections never change: heading and text together name one
        <section key={`${s.heading}\n${s.body}`}>
          <Typography.Title level={4}>{s.heading}</Typography.Title>
          <Typography.Paragraph className="kft-bulletin-body">{s.body}</Typography.Paragraph>
        </section>
      ))}
      <Card size="small" title={t('bulletin.figures')} className="kft-front-section">
        <FigureList figures={v.figures} testId="bulletin-figures" />
      </Card>
      {b.versions.length > 1 && (
        <Card size="small" title={t('bulletin.versions')} className="kft-front-section" data-testid="bulletin-versions">
          <List
            size="small"
            dataSource={[...b.versions].reverse()}
            renderItem={(x) => (
              <List.Item
                data-version={x.version}
                actions={[
                  x.version === v.version ? (
                    <span key="here" className="kft-meta">
                      {t('bulletin.current')}
                    </span>
                  ) : (
                    <Link key="view" to={x.version === b.latestVersion ? `/bulletins/${id}` : `/bulletins/${id}?v=${x.version}`}>
                      {t('bulletin.viewVersion')}
                    </Link>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={`${t('bulletin.version', { version: x.version })} · ${fmtStamp(x.publishedAt)}`}
                  description={x.correctionNote ? t('bulletin.correction', { note: x.correctionNote }) : null}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </div>
  );
}
