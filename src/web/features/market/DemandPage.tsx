/**
 * /demands/:id — one demand. Members of its organization see the matches (achievements, experts, service
 * organizations, instruments), each with its score, what the score is made of, reasons and shared words, and mark
 * results 相关 / 不相关 / 已联系; the list comes back re-ranked. Members of other organizations submit an offer.
 */
import { useQueryClient, useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Col, Descriptions, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { useAuth, useNames, useTitle } from '../../shell/context';

import DealStarter from './components/DealStarter';
import DemandMatches from './components/DemandMatches';
import { ItemActions } from './components/ItemActions';
import { LoginLink, StatusTag, fmtDate, useMoney, useTechFields } from './shared';
import { demandQuery, marketKeys } from './api';
import './market.css';

export default function DemandPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const { user } = useAuth();
  const names = useNames();
  const fields = useTechFields();
  const money = useMoney();
  const qc = useQueryClient();
  const { data: d, error } = useQuery(demandQuery(Number(id)));
  useTitle(d?.title ?? t('common.loading'));
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: marketKeys.item('demand', Number(id)) });
    void qc.invalidateQueries({ queryKey: marketKeys.list('demand') });
  };

  if (error)
    return (
      <Result
        status={error.status === 404 ? '404' : error.status === 403 ? '403' : 'error'}
        title={error.status === 404 ? '404' : t('common.error')}
        subTitle={error.message}
        extra={<Link to="/search?kind=demand">{t('nav.market')}</Link>}
      />
    );
  if (!d)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );

  const member = !!user && !!user.orgId && user.orgId === d.orgId;
  const manage = member || user?.role === 'admin';
  const canOffer = !!user && !!user.orgId && user.orgId !== d.orgId && d.status === 'published';
  const sep = t('common.listSep');

  return (
    <div>
      <div className="kft-toolbar">
        <div>
          <div className="kft-title-row" data-testid="item-header">
            <Tag color="orange">{t('mk.kindOne.demand')}</Tag>
            <Typography.Title level={1} className="kft-page-title" data-testid="item-title">
              {d.title}
            </Typography.Title>
            <StatusTag status={d.status} />
          </div>
          <div className="kft-meta" style={{ marginTop: 4 }}>
            <Link to={`/orgs/${d.orgId}`} className="kft-meta-link">
              {d.orgName}
            </Link>
            {d.publishedAt && <> · {t('mk.publishedOn', { date: fmtDate(d.publishedAt, en) })}</>}
          </div>
        </div>
        <Space wrap>
          <Link to="/search?kind=demand">{t('common.back')}</Link>
          {manage && <ItemActions kind="demand" item={d} onChanged={refresh} />}
          {canOffer && <DealStarter subject={{ demandId: d.id }} kind="offer" title={d.title} />}
        </Space>
      </div>
      {d.reviewNote && d.status === 'draft' && (
        <Alert type="warning" showIcon title={t('mk.reviewReturned', { note: d.reviewNote })} style={{ margin: '8px 0' }} />
      )}
      {!user && d.status === 'published' && (
        <Alert
          type="info"
          showIcon
          style={{ margin: '8px 0' }}
          title={
            <span>
              {t('mk.demand.signInToOffer')} <LoginLink>{t('nav.login')}</LoginLink>
            </span>
          }
        />
      )}
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={24} lg={16}>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.demand.description')}</h2>}>
            <p className="kft-prose" data-testid="item-description">
              {d.description}
            </p>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.demand.facts')}</h2>}>
            <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
              <Descriptions.Item label={t('mk.demand.budget')}>
                <span className="kft-price" data-testid="item-budget">
                  {d.budgetFen !== null && d.budgetFen !== undefined ? money.range(d.budgetNegotiable, null, d.budgetFen) : t('mk.negotiable')}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.demand.deadline')}>{d.deadline ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('mk.demand.maturityNeeded')}>
                {d.maturityNeeded ? t(`mk.maturity.${d.maturityNeeded}`) : t('mk.any')}
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.demand.cooperationModes')}>
                {d.cooperationModes.length ? d.cooperationModes.map((m) => t(`mk.mode.${m}`, { defaultValue: m })).join(sep) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.industry')}>{fields.name(d.industryCode)}</Descriptions.Item>
              <Descriptions.Item label={t('mk.discipline')}>{fields.name(d.disciplineCode)}</Descriptions.Item>
              <Descriptions.Item label={t('mk.district')}>{names.district(d.districtCode)}</Descriptions.Item>
              <Descriptions.Item label={t('mk.demand.contact')}>
                {user ? (
                  <span data-testid="demand-contact">{[d.contactName, d.contactPhone].filter(Boolean).join(' · ') || '—'}</span>
                ) : (
                  <span className="kft-contact-hidden">
                    {t('mk.contact.signIn')} <LoginLink>{t('nav.login')}</LoginLink>
                  </span>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      {manage && (
        <Card
          size="small"
          style={{ marginTop: 16 }}
          data-testid="demand-matches"
          title={
            <h2 className="kft-card-title">
              {t('mk.demand.matches')} <Tag>{t('mk.onlyOwner')}</Tag>
            </h2>
          }
        >
          <DemandMatches demand={d} member={member} />
        </Card>
      )}
    </div>
  );
}
