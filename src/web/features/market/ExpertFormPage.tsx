/** /experts/new and /experts/:id/edit. A member creates their own profile (linked to their account); admins any. */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Alert, Card, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

import { useAuth, useNames } from '../../shell/context';
import MarketForm, { pathMapper } from './components/MarketForm';
import { OrgPicker, useTechFields } from './shared';
import { myExpertQuery, type TechManagerGrade } from './api';
import { GRADES } from './vocabulary';

interface Values {
  name: string;
  title?: string;
  affiliationOrgId?: number | null;
  affiliation?: string;
  fields: string[];
  keywords: string[];
  biography?: string;
  consulting: boolean;
  consultingNote?: string;
  techManagerGrade?: TechManagerGrade | null;
  commissioner: boolean;
  districtCode?: string | null;
  phone?: string;
  email?: string;
}

const fieldOf = pathMapper([
  'name',
  'title',
  'affiliationOrgId',
  'affiliation',
  'fields',
  'keywords',
  'biography',
  'consulting',
  'consultingNote',
  'techManagerGrade',
  'commissioner',
  'districtCode',
  'phone',
  'email',
]);

export default function ExpertFormPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { user } = useAuth();
  const names = useNames();
  const fields = useTechFields();
  const me = useQuery({ ...myExpertQuery, enabled: !id && !!user && user.role !== 'admin' });
  const mine = !id && me.data ? me.data : null;
  const req = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { field: label }) }];
  const col = { xs: 24, md: 12 };
  return (
    <MarketForm<'expert', Values>
      kind="expert"
      newTitle={t('mk.expert.newTitle')}
      editTitle={(e) => t('mk.expert.editTitle', { name: e.name ?? '' })}
      forbidden={t('mk.form.forbiddenExpert')}
      savedText={t('mk.form.saved')}
      publishable={false}
      canCreate={(u) => u.role === 'admin' || !!u.orgId}
      canEdit={(e, u) => u.role === 'admin' || (e.userId !== null && e.userId === u.id)}
      initialValues={{ fields: [], keywords: [], consulting: true, commissioner: false }}
      fieldOf={fieldOf}
      intro={
        !id && user?.role !== 'admin' ? (
          mine ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title={
                <span>
                  {t('mk.expert.alreadyHave')} <Link to={`/experts/${mine.id}`}>{mine.name}</Link>
                </span>
              }
            />
          ) : (
            <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('mk.expert.selfHelp')} />
          )
        ) : null
      }
      toValues={(e) => ({
        name: e.name,
        title: e.title ?? '',
        affiliationOrgId: e.affiliationOrgId,
        affiliation: e.affiliation ?? '',
        fields: e.fields,
        keywords: e.keywords,
        biography: e.biography ?? '',
        consulting: e.consulting,
        consultingNote: e.consultingNote ?? '',
        techManagerGrade: e.techManagerGrade,
        commissioner: e.commissioner,
        districtCode: e.districtCode,
        phone: e.contact?.phone ?? '',
        email: e.contact?.email ?? '',
      })}
      toBody={(v) => {
        const text = (s?: string | null) => (s ?? '').trim() || null;
        return {
          name: (v.name ?? '').trim(),
          title: text(v.title),
          affiliationOrgId: v.affiliationOrgId ?? null,
          affiliation: text(v.affiliation),
          fields: v.fields ?? [],
          keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
          biography: text(v.biography),
          consulting: !!v.consulting,
          consultingNote: text(v.consultingNote),
          techManagerGrade: v.techManagerGrade || null,
          commissioner: !!v.commissioner,
          districtCode: v.districtCode || null,
          phone: text(v.phone),
          email: text(v.email),
        };
      }}
    >
      {() => (
        <>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.form.basic')}</h2>} style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              <Col {...col}>
                <Form.Item name="name" label={t('mk.expert.name')} rules={req(t('mk.expert.name'))}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="title" label={t('mk.expert.titleLabel')}>
                  <Input maxLength={50} placeholder={t('mk.expert.titlePlaceholder')} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="affiliationOrgId" label={t('mk.expert.affiliationOrg')}>
                  <OrgPicker placeholder={t('common.ownerSearch')} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="affiliation" label={t('mk.expert.affiliation')} extra={t('mk.expert.affiliationHelp')}>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="fields" label={t('mk.expert.fields')}>
                  <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={fields.all} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="keywords" label={t('mk.expert.keywords')} extra={t('mk.form.tagsHelp')}>
                  <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', ';', '；']} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="biography" label={t('mk.expert.biography')}>
                  <Input.TextArea rows={5} maxLength={5000} showCount />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="districtCode" label={t('mk.district')}>
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    options={names.currentDivisions.map((d) => ({ value: d.code, label: names.district(d.code) }))}
                  />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="techManagerGrade" label={t('mk.expert.techManager')}>
                  <Select allowClear placeholder={t('mk.expert.notTechManager')} options={GRADES.map((g) => ({ value: g, label: t(`mk.grade.${g}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="consulting" label={t('mk.expert.consultingLabel')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name="commissioner" label={t('mk.expert.commissioner')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="consultingNote" label={t('mk.expert.consultingNote')}>
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.expert.contactTitle')}</h2>} style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              <Col {...col}>
                <Form.Item name="phone" label={t('mk.expert.phone')}>
                  <Input type="tel" maxLength={30} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="email" label={t('mk.expert.email')}>
                  <Input type="email" maxLength={100} />
                </Form.Item>
              </Col>
            </Row>
            <p className="kft-meta" style={{ margin: 0 }}>
              {t('mk.expert.contactFormHelp')}
            </p>
          </Card>
        </>
      )}
    </MarketForm>
  );
}
