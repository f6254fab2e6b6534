/** /demands/new and /demands/:id/edit. The budget is typed in 万元 and sent in fen. */
import { Card, Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useNames } from '../../shell/context';
import MarketForm, { pathMapper } from './components/MarketForm';
import { OrgPicker, fenToWan, useTechFields, wanToFen } from './shared';
import type { CooperationMode, Maturity } from './api';
import { COOPERATION_MODES, MATURITIES } from './vocabulary';

interface Values {
  orgId?: number;
  title: string;
  description: string;
  industryCode?: string | null;
  disciplineCode?: string | null;
  maturityNeeded?: Maturity | null;
  budgetNegotiable: boolean;
  budgetWan?: number | null;
  deadline?: string;
  cooperationModes: CooperationMode[];
  districtCode?: string | null;
  contactName?: string;
  contactPhone?: string;
}

const fieldOf = pathMapper(
  [
    'orgId',
    'title',
    'description',
    'industryCode',
    'disciplineCode',
    'maturityNeeded',
    'budgetNegotiable',
    'budgetWan',
    'deadline',
    'cooperationModes',
    'districtCode',
    'contactName',
    'contactPhone',
  ],
  {},
  { budgetFen: 'budgetWan' },
);

export default function DemandFormPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const names = useNames();
  const fields = useTechFields();
  const req = (label: string) => [{ required: true, whitespace: true, message: t('common.required', { field: label }) }];
  const col = { xs: 24, md: 12 };
  return (
    <MarketForm<'demand', Values>
      kind="demand"
      newTitle={t('mk.demand.newTitle')}
      editTitle={(d) => t('mk.demand.editTitle', { title: d.title ?? '' })}
      forbidden={t('mk.form.forbiddenDemand')}
      savedText={t('mk.form.saved')}
      publishable
      canCreate={(u) => u.role === 'admin' || !!u.orgId}
      canEdit={(d, u) => u.role === 'admin' || u.orgId === d.orgId}
      initialValues={{ cooperationModes: [], budgetNegotiable: true }}
      fieldOf={fieldOf}
      toValues={(d) => ({
        title: d.title,
        description: d.description,
        industryCode: d.industryCode,
        disciplineCode: d.disciplineCode,
        maturityNeeded: d.maturityNeeded,
        budgetNegotiable: d.budgetNegotiable,
        budgetWan: fenToWan(d.budgetFen),
        deadline: d.deadline ?? '',
        cooperationModes: d.cooperationModes,
        districtCode: d.districtCode,
        contactName: d.contactName ?? '',
        contactPhone: d.contactPhone ?? '',
      })}
      toBody={(v, item) => {
        const text = (s?: string | null) => (s ?? '').trim() || null;
        const body: Record<string, unknown> = {
          title: (v.title ?? '').trim(),
          description: (v.description ?? '').trim(),
          industryCode: v.industryCode || null,
          disciplineCode: v.disciplineCode || null,
          maturityNeeded: v.maturityNeeded || null,
          budgetNegotiable: !!v.budgetNegotiable,
          budgetFen: wanToFen(v.budgetWan),
          deadline: v.deadline || null,
          cooperationModes: v.cooperationModes ?? [],
          districtCode: v.districtCode || null,
          contactName: text(v.contactName),
          contactPhone: text(v.contactPhone),
        };
        if (!item && v.orgId) body.orgId = v.orgId;
        return body;
      }}
    >
      {(_form, item) => (
        <>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.form.basic')}</h2>} style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              {user?.role === 'admin' && !item && (
                <Col xs={24}>
                  <Form.Item name="orgId" label={t('mk.demand.org')} rules={[{ required: true, message: t('common.required', { field: t('mk.demand.org') }) }]}>
                    <OrgPicker placeholder={t('common.ownerSearch')} />
                  </Form.Item>
                </Col>
              )}
              <Col xs={24}>
                <Form.Item name="title" label={t('mk.demand.title')} rules={req(t('mk.demand.title'))}>
                  <Input maxLength={200} placeholder={t('mk.demand.titlePlaceholder')} />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="description" label={t('mk.demand.description')} rules={req(t('mk.demand.description'))} extra={t('mk.demand.descriptionHelp')}>
                  <Input.TextArea rows={6} maxLength={5000} showCount />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="industryCode" label={t('mk.industry')}>
                  <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={fields.industries} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="disciplineCode" label={t('mk.discipline')}>
                  <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={fields.disciplines} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="maturityNeeded" label={t('mk.demand.maturityNeeded')}>
                  <Select allowClear placeholder={t('mk.any')} options={MATURITIES.map((m) => ({ value: m, label: t(`mk.maturity.${m}`) }))} />
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
            </Row>
          </Card>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.demand.terms')}</h2>} style={{ marginBottom: 12 }}>
            <Form.Item
              name="cooperationModes"
              label={t('mk.demand.cooperationModes')}
              rules={[{ type: 'array', required: true, min: 1, message: t('mk.form.cooperationModeRequired') }]}
            >
              <Checkbox.Group options={COOPERATION_MODES.map((m) => ({ value: m, label: t(`mk.mode.${m}`) }))} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="budgetNegotiable" valuePropName="checked" label={t('mk.demand.budget')}>
                  <Checkbox>{t('mk.form.negotiable')}</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                {/* a fixed budget (not 面议) needs an amount, as the server requires */}
                <Form.Item noStyle dependencies={['budgetNegotiable']}>
                  {({ getFieldValue }) => (
                    <Form.Item
                      name="budgetWan"
                      label={t('mk.form.budgetWan')}
                      rules={[{ required: !getFieldValue('budgetNegotiable'), message: t('mk.form.budgetRequired') }]}
                    >
                      <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix={t('mk.wan')} />
                    </Form.Item>
                  )}
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item name="deadline" label={t('mk.demand.deadline')}>
                  <Input type="date" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={<h2 className="kft-card-title">{t('mk.demand.contact')}</h2>} style={{ marginBottom: 12 }}>
            <Row gutter={16}>
              <Col {...col}>
                <Form.Item name="contactName" label={t('mk.demand.contactName')}>
                  <Input maxLength={50} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="contactPhone" label={t('mk.demand.contactPhone')}>
                  <Input type="tel" maxLength={30} />
                </Form.Item>
              </Col>
            </Row>
            <p className="kft-meta" style={{ margin: 0 }}>
              {t('mk.demand.contactHelp')}
            </p>
          </Card>
        </>
      )}
    </MarketForm>
  );
}
