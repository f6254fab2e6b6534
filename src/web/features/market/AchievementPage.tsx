/**
 * /achievements/:id — one achievement. Its organization's members (and city admins) edit, publish, close, upload
 * attachments and see the matching demands; members of other organizations send an inquiry.
 */
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Tabs, Tag, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useTitle } from '../../shell/context';
import DealStarter from './components/DealStarter';
import { ItemActions } from './components/ItemActions';
import { MatchList } from './components/MatchList';
import { LoginLink, StatusTag, fmtDate, useMoney, useTechFields } from './shared';
import { achievementMatchesQuery, achievementQuery, marketKeys, uploadAttachment, type Achievement } from './api';
import './market.css';

function Attachments({ a, canManage, onChanged }: { a: Achievement; canManage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: (file: File) => uploadAttachment(a.id, file),
    onSuccess: () => {
      message.success(t('mk.achievement.uploaded'));
      onChanged();
    },
    onError: (e) => message.error(e.message),
  });
  const busy = add.isPending;
  const upload = (file: File) => add.mutate(file);
  const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
  return (
    <>
      {a.attachments.length ? (
        <ul className="kft-list" data-testid="attachments">
          {a.attachments.map((f) => (
            <li key={f.id}>
              <a href={`/api/v1/achievements/${a.id}/attachments/${f.id}`} download={f.filename}>
                {f.filename}
              </a>{' '}
              <span className="kft-meta">({size(f.size)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <span className="kft-meta">{t('mk.achievement.noAttachments')}</span>
      )}
      {canManage && (
        <div style={{ marginTop: 8 }}>
          <Upload
            accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,image/*"
            showUploadList={false}
            disabled={busy}
            customRequest={({ file }) => {
              void upload(file as File);
            }}
          >
            <Button loading={busy} data-testid="attachment-upload">
              {t('mk.achievement.upload')}
            </Button>
          </Upload>
          <div className="kft-meta">{t('mk.achievement.uploadHint')}</div>
        </div>
      )}
    </>
  );
}

function OwnerMatches({ id }: { id: number }) {
  const { t } = useTranslation();
  const { data, error } = useQuery(achievementMatchesQuery(id));
  if (error) return <Alert type="error" showIcon title={error.message} />;
  if (!data) return <Spin />;
  return (
    <Tabs
      size="small"
      items={[
        { key: 'demands', label: `${t('mk.match.demands')} ${data.demands.length}`, children: <MatchList items={data.demands} testid="achievement-matches" /> },
        { key: 'enterprises', label: `${t('mk.match.enterprises')} ${data.enterprises?.length ?? 0}`, children: <MatchList items={data.enterprises ?? []} /> },
      ]}
    />
  );
}

export default function AchievementPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { user } = useAuth();
  const fields = useTechFields();
  const money = useMoney();
  const qc = useQueryClient();
  const { data: a, error } = useQuery(achievementQuery(Number(id)));
  useTitle(a?.title ?? t('common.loading'));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: marketKeys.item('achievement', Number(id)) });
    void qc.invalidateQueries({ queryKey: marketKeys.list('achievement') });
  };

  if (error)
    return (
      <Result
        status={error.status === 404 ? '404' : error.status === 403 ? '403' : 'error'}
        title={error.status === 404 ? '404' : t('common.error')}
        subTitle={error.message}
        extra={<Link to="/search">{t('nav.market')}</Link>}
      />
    );
  if (!a)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );

  const manage = !!user && (user.role === 'admin' || user.orgId === a.ownerOrgId);
  const canInquire = !!user && !!user.orgId && user.orgId !== a.ownerOrgId && a.status === 'published';
  const sep = t('common.listSep');

  return (
    <div>
      <div className="kft-toolbar">
        <div>
          <div className="kft-title-row" data-testid="item-header">
            <Tag color="blue">{t('mk.kindOne.achievement')}</Tag>
            <Typography.Title level={1} className="kft-page-title" data-testid="item-title">
              {a.title}
            </Typography.Title>
            <StatusTag status={a.status} />
          </div>
          <div className="kft-meta" style={{ marginTop: 4 }}>
            <Link to={`/orgs/${a.ownerOrgId}`} className="kft-meta-link" data-testid="owner-link">
              {a.ownerName}
            </Link>
            {a.publishedAt && <> · {t('mk.publishedOn', { date: fmtDate(a.publishedAt, en) })}</>}
          </div>
        </div>
        <Space wrap>
          <Link to="/search?kind=achievement">{t('common.back')}</Link>
          {manage && <ItemActions kind="achievement" item={a} onChanged={refresh} />}
          {canInquire && <DealStarter subject={{ achievementId: a.id }} kind="inquiry" title={a.title} />}
        </Space>
      </div>
      {a.reviewNote && a.status === 'draft' && (
        <Alert type="warning" showIcon title={t('mk.reviewReturned', { note: a.reviewNote })} style={{ margin: '8px 0' }} />
      )}
      {!user && a.status === 'published' && (
        <Alert
          type="info"
          showIcon
          style={{ margin: '8px 0' }}
          title={
            <span>
              {t('mk.achievement.signInToInquire')} <LoginLink>{t('nav.login')}</LoginLink>
            </span>
          }
        />
      )}
      {user && !user.orgId && user.role !== 'admin' && <Alert type="info" showIcon style={{ margin: '8px 0' }} title={t('mk.deal.needOrg')} />}
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={24} lg={16}>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.achievement.abstract')}</h2>}>
            <p className="kft-prose" data-testid="item-abstract">
              {a.abstract}
            </p>
            {a.keywords.length > 0 && (
              <div className="kft-tags" style={{ marginTop: 12 }} data-testid="item-keywords">
                <span className="kft-meta">
                  {t('mk.keywords')}
                  {t('common.sep')}
                </span>
                {a.keywords.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
              </div>
            )}
          </Card>
          <Card size="small" style={{ marginTop: 16 }} title={<h2 className="kft-card-title">{t('mk.achievement.ip')}</h2>}>
            {a.ip.length ? (
              <ul className="kft-list" data-testid="ip-list">
                {a.ip.map((p) => (
                  <li key={`${p.type} ${p.number}`}>
                    <Tag>{t(`mk.ipType.${p.type}`, { defaultValue: p.type })}</Tag>
                    {p.number}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="kft-meta">{t('mk.achievement.noIp')}</span>
            )}
          </Card>
          <Card size="small" style={{ marginTop: 16 }} title={<h2 className="kft-card-title">{t('mk.achievement.attachments')}</h2>}>
            <Attachments a={a} canManage={manage} onChanged={refresh} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.achievement.facts')}</h2>}>
            <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
              <Descriptions.Item label={t('mk.achievement.price')}>
                <span className="kft-price" data-testid="item-price">
                  {money.range(a.priceNegotiable, a.priceMinFen, a.priceMaxFen)}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.achievement.maturity')}>
                {t(`mk.maturity.${a.maturity}`)}
                {a.trl ? <span className="kft-meta">{t('common.paren', { x: t('mk.trlN', { n: a.trl }) })}</span> : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.achievement.transferModes')}>
                {a.transferModes.length ? a.transferModes.map((m) => t(`mk.mode.${m}`)).join(sep) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.discipline')}>{fields.name(a.disciplineCode)}</Descriptions.Item>
              <Descriptions.Item label={t('mk.industry')}>{fields.name(a.industryCode)}</Descriptions.Item>
              <Descriptions.Item label={t('mk.achievement.inventors')}>
                {a.inventors.length ? (
                  <span data-testid="inventors">
                    {a.inventors.map((p, i) => (
                      <span key={p.id}>
                        {i > 0 && sep}
                        <Link to={`/experts/${p.id}`}>{p.name}</Link>
                        {p.title ? <span className="kft-meta">{t('common.paren', { x: p.title })}</span> : null}
                      </span>
                    ))}
                  </span>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.updatedAt')}>{fmtDate(a.updatedAt, en)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      {manage && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={
            <h2 className="kft-card-title">
              {t('mk.achievement.matches')} <Tag>{t('mk.onlyOwner')}</Tag>
            </h2>
          }
          data-testid="owner-matches"
        >
          <OwnerMatches id={a.id} />
        </Card>
      )}
    </div>
  );
}
