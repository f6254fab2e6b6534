/**
 * /experts/:id — one expert. Phone and email show only when the expert consented and the reader is a signed-in
 * organization member; otherwise the page says why. The expert's own account turns the consent on and off here.
 */
import { useId } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { useAuth, useNames, useTitle } from '../../shell/context';
import { LoginLink, useTechFields } from './shared';
import { expertQuery, setContactConsent, type Expert } from './api';
import './market.css';

function Consent({ expert }: { expert: Expert }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  // the answer is the expert as it now stands
  const consent = useMutation({
    mutationFn: (on: boolean) => setContactConsent(expert.id, on),
    onSuccess: (r, on) => {
      message.success(on ? t('mk.expert.consentOn') : t('mk.expert.consentOff'));
      qc.setQueryData(expertQuery(expert.id).queryKey, r);
    },
    onError: (e) => message.error(e.message),
  });
  const busy = consent.isPending;
  const change = (on: boolean) => consent.mutate(on);
  const id = useId();
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <h2 className="kft-card-title">
          {t('mk.expert.consentTitle')} <Tag>{t('mk.expert.onlyYou')}</Tag>
        </h2>
      }
      data-testid="consent-card"
    >
      <label htmlFor={id} style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <Switch id={id} checked={expert.contactConsent} loading={busy} onChange={change} data-testid="consent-switch" />
        <span>{t('mk.expert.consentLabel')}</span>
      </label>
      <p className="kft-meta" style={{ margin: '8px 0 0' }}>
        {t('mk.expert.consentHelp')}
      </p>
    </Card>
  );
}

export default function ExpertPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { user } = useAuth();
  const names = useNames();
  const fields = useTechFields();
  const navigate = useNavigate();
  const { data: e, error } = useQuery(expertQuery(Number(id)));
  useTitle(e?.name ?? t('common.loading'));

  if (error)
    return (
      <Result
        status={error.status === 404 ? '404' : 'error'}
        title={error.status === 404 ? '404' : t('common.error')}
        subTitle={error.message}
        extra={<Link to="/search?kind=expert">{t('nav.market')}</Link>}
      />
    );
  if (!e)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );

  const self = !!user && e.userId !== null && e.userId === user.id;
  const canEdit = self || user?.role === 'admin';

  const contact = e.contact ? (
    <Descriptions column={1} size="small" styles={{ label: { width: 72 } }} data-testid="expert-contact">
      <Descriptions.Item label={t('mk.expert.phone')}>
        {e.contact.phone ? (
          <a href={`tel:${e.contact.phone}`} data-testid="expert-phone">
            {e.contact.phone}
          </a>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('mk.expert.email')}>
        {e.contact.email ? (
          <a href={`mailto:${e.contact.email}`} data-testid="expert-email">
            {e.contact.email}
          </a>
        ) : (
          '—'
        )}
      </Descriptions.Item>
    </Descriptions>
  ) : (
    <p className="kft-contact-hidden" style={{ margin: 0 }} data-testid="contact-hidden" data-reason={e.contactHidden ?? ''}>
      {e.contactHidden === 'sign_in' ? (
        <>
          {t('mk.contact.signIn')} <LoginLink>{t('nav.login')}</LoginLink>
        </>
      ) : e.contactHidden === 'no_consent' ? (
        t('mk.contact.noConsent')
      ) : (
        t('mk.contact.none')
      )}
    </p>
  );

  return (
    <div>
      <div className="kft-toolbar">
        <div>
          <div className="kft-title-row" data-testid="item-header">
            <Tag color="purple">{t('mk.kindOne.expert')}</Tag>
            <Typography.Title level={1} className="kft-page-title" data-testid="item-title">
              {e.name}
            </Typography.Title>
            {e.title && <span className="kft-meta">{e.title}</span>}
          </div>
          <div className="kft-meta" style={{ marginTop: 4 }}>
            {e.affiliationOrgId ? (
              <Link to={`/orgs/${e.affiliationOrgId}`} className="kft-meta-link">
                {e.affiliation ?? t('mk.expert.affiliation')}
              </Link>
            ) : (
              e.affiliation
            )}
          </div>
        </div>
        <Space wrap>
          <Link to="/search?kind=expert">{t('common.back')}</Link>
          {canEdit && (
            <Button onClick={() => navigate(`/experts/${e.id}/edit`)} data-testid="edit-item">
              {t('mk.action.edit')}
            </Button>
          )}
        </Space>
      </div>
      {e.status === 'inactive' && <Alert type="warning" showIcon title={t('mk.expert.inactive')} style={{ margin: '8px 0' }} />}
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={24} lg={16}>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.expert.biography')}</h2>}>
            <p className="kft-prose">{e.biography || '—'}</p>
            {e.keywords.length > 0 && (
              <div className="kft-tags" style={{ marginTop: 12 }}>
                <span className="kft-meta">
                  {t('mk.expert.keywords')}
                  {t('common.sep')}
                </span>
                {e.keywords.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
              </div>
            )}
          </Card>
          <Card size="small" style={{ marginTop: 16 }} title={<h2 className="kft-card-title">{t('mk.expert.achievements')}</h2>}>
            {e.achievements.length ? (
              <ul className="kft-list" data-testid="expert-achievements">
                {e.achievements.map((a) => (
                  <li key={a.id}>
                    <Link to={`/achievements/${a.id}`}>{a.title}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="kft-meta">{t('mk.expert.noAchievements')}</span>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.expert.contactTitle')}</h2>} data-testid="contact-card">
            {contact}
          </Card>
          {self && <Consent expert={e} />}
          <Card size="small" style={{ marginTop: 16 }} title={<h2 className="kft-card-title">{t('mk.expert.facts')}</h2>}>
            <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
              <Descriptions.Item label={t('mk.expert.fields')}>
                {e.fields.length
                  ? e.fields.map((f) => (
                      <Tag key={f} color="blue">
                        {fields.name(f)}
                      </Tag>
                    ))
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.expert.consultingLabel')}>
                {e.consulting ? (
                  <>
                    <Tag color="green">{t('mk.expert.consulting')}</Tag>
                    {e.consultingNote && <div className="kft-meta">{e.consultingNote}</div>}
                  </>
                ) : (
                  t('mk.expert.notConsulting')
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('mk.expert.techManager')}>{e.techManagerGrade ? t(`mk.grade.${e.techManagerGrade}`) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('mk.expert.commissioner')}>{e.commissioner ? t('common.yes') : t('common.no')}</Descriptions.Item>
              <Descriptions.Item label={t('mk.district')}>{names.district(e.districtCode)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
