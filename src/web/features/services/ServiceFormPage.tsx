/**
 * /services/new — a provider's member (or the city administrator, naming the provider) publishes a service.
 * Prices are typed in yuan and sent in fen; only the fields of the chosen pricing mode are shown. The server
 * checks every field and names it by its label (「服务名称」至少 2 个字); its errors are put at their fields,
 * qualifications' at the qualification's own inputs.
 */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Result, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useAuth, useNames, useTitle } from '../../shell/context';
import { toFen } from '../../lib/time';
import { createService, PRICING_MODES, QUALIFICATION_KINDS, RESTRICTED_KINDS, serviceKeys, type ServiceBody } from './api';

type Values = {
  providerOrgId?: number;
  title?: string;
  categoryCode?: string;
  subcategory?: string;
  description?: string;
  deliverables?: string;
  pricingMode: ServiceBody['pricingMode'];
  priceFen?: number | null;
  priceMinFen?: number | null;
  priceMaxFen?: number | null;
  turnaroundDays?: number | null;
  qualifications?: { kind: 'CMA' | 'CNAS'; number?: string; validTo?: string }[];
  districtCode?: string | null;
  restrictedKind?: ServiceBody['restrictedKind'] | '';
};

const FIELDS = [
  'providerOrgId',
  'title',
  'categoryCode',
  'subcategory',
  'description',
  'deliverables',
  'pricingMode',
  'priceFen',
  'priceMinFen',
  'priceMaxFen',
  'turnaroundDays',
  'qualifications',
  'districtCode',
  'restrictedKind',
];

function toBody(v: Values): ServiceBody {
  return {
    providerOrgId: v.providerOrgId ?? undefined,
    title: v.title ?? '',
    categoryCode: v.categoryCode ?? '',
    subcategory: v.subcategory ?? null,
    description: v.description ?? null,
    deliverables: v.deliverables ?? null,
    pricingMode: v.pricingMode,
    priceFen: v.pricingMode === 'fixed' ? toFen(v.priceFen) : null,
    priceMinFen: v.pricingMode === 'range' ? toFen(v.priceMinFen) : null,
    priceMaxFen: v.pricingMode === 'range' ? toFen(v.priceMaxFen) : null,
    turnaroundDays: v.turnaroundDays ?? null,
    qualifications: (v.qualifications ?? []).map((q) => ({ kind: q.kind, number: q.number ?? '', validTo: q.validTo ?? '' })),
    districtCode: v.districtCode || null,
    restrictedKind: v.restrictedKind || null,
  };
}

/** A server path (`qualifications.0.number`) as the form's field name. */
function fieldName(path: string): (string | number)[] | null {
  const parts = path.split('.');
  if (!FIELDS.includes(parts[0])) return null;
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export default function ServiceFormPage() {
  const { t } = useTranslation();
  const names = useNames();
  const { user, ready } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const mode = Form.useWatch('pricingMode', form) ?? 'fixed';
  const save = useMutation({ mutationFn: createService, onSuccess: () => qc.invalidateQueries({ queryKey: serviceKeys.all }) });
  useTitle(t('svc.new'));

  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!user || !(user.role === 'admin' || (user.role === 'org_member' && user.orgId)))
    return (
      <Result
        status="403"
        title="403"
        subTitle={user ? t('svc.orgOnly') : t('svc.signIn')}
        extra={!user && <Link to={`/login?next=${encodeURIComponent('/services/new')}`}>{t('nav.login')}</Link>}
      />
    );

  async function onFinish(values: Values) {
    setFormError(null);
    form.setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length)
        .map((f) => ({ name: f.name, errors: [] })) as never,
    );
    try {
      const saved = await save.mutateAsync(toBody(values));
      message.success(t('svc.published'));
      navigate(`/services/${saved.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) return setFormError(String(e));
      const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
      const rest: string[] = [];
      for (const f of e.fields) {
        const name = fieldName(f.path);
        if (!name) {
          rest.push(f.message);
          continue;
        }
        const key = name.join('.');
        byField.set(key, { name, errors: [...(byField.get(key)?.errors ?? []), f.message] });
      }
      const mapped = [...byField.values()];
      if (mapped.length) {
        form.setFields(mapped as never);
        form.scrollToField(mapped[0].name as never, { block: 'center' });
      }
      setFormError([mapped.length ? t('common.fixErrors') : e.message, ...rest].join(t('common.msgSep')));
    }
  }

  const f = (key: string) => t(`svc.form.${key}`);
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('svc.new')}
      </Typography.Title>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} role="alert" data-testid="form-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ pricingMode: 'fixed', qualifications: [], restrictedKind: '' }}>
        <Card size="small" style={{ marginBottom: 12 }}>
          {user.role === 'admin' && (
            <Form.Item name="providerOrgId" label={f('providerOrgId')}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item name="title" label={f('title')} required>
            <Input maxLength={120} />
          </Form.Item>
          <Space wrap style={{ width: '100%' }} styles={{ item: { minWidth: 240, flex: 1 } }}>
            <Form.Item name="categoryCode" label={f('categoryCode')} required>
              <Select
                options={(names.ref?.categories ?? []).map((c) => ({ value: c.code, label: names.en ? c.nameEn : c.nameZh }))}
                placeholder={f('categoryCode')}
              />
            </Form.Item>
            <Form.Item name="subcategory" label={f('subcategory')}>
              <Input maxLength={60} />
            </Form.Item>
          </Space>
          <Form.Item name="description" label={f('description')}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <Form.Item name="deliverables" label={f('deliverables')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Card>
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form.Item name="pricingMode" label={f('pricingMode')} required>
            <Select options={PRICING_MODES.map((m) => ({ value: m, label: t(`svc.pricingMode.${m}`) }))} />
          </Form.Item>
          {mode === 'fixed' && (
            <Form.Item name="priceFen" label={f('priceYuan')} required>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          )}
          {mode === 'range' && (
            <Space wrap style={{ width: '100%' }} styles={{ item: { minWidth: 200, flex: 1 } }}>
              <Form.Item name="priceMinFen" label={f('priceMinYuan')} required>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="priceMaxFen" label={f('priceMaxYuan')} required>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="turnaroundDays" label={f('turnaroundDays')}>
            <InputNumber style={{ width: '100%' }} />
          </Form.Item>
          <Space wrap style={{ width: '100%' }} styles={{ item: { minWidth: 240, flex: 1 } }}>
            <Form.Item name="districtCode" label={f('districtCode')} extra={f('districtDefault')}>
              <Select allowClear options={names.currentDivisions.map((d) => ({ value: d.code, label: names.en ? (d.nameEn ?? d.name) : d.name }))} />
            </Form.Item>
            <Form.Item name="restrictedKind" label={f('restrictedKind')}>
              <Select options={[{ value: '', label: f('none') }, ...RESTRICTED_KINDS.map((k) => ({ value: k, label: t(`svc.restrictedKind.${k}`) }))]} />
            </Form.Item>
          </Space>
        </Card>
        <Card size="small" title={<h2 className="kft-card-title">{f('qualifications')}</h2>} style={{ marginBottom: 12 }}>
          <Form.List name="qualifications">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row) => (
                  <Space key={row.key} wrap align="start" data-qualification={row.name}>
                    <Form.Item name={[row.name, 'kind']} label={f('qualificationKind')}>
                      <Select style={{ width: 100 }} options={QUALIFICATION_KINDS.map((k) => ({ value: k, label: k }))} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'number']} label={f('qualificationNumber')}>
                      <Input maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'validTo']} label={f('qualificationValidTo')}>
                      <Input type="date" />
                    </Form.Item>
                    <Button onClick={() => remove(row.name)} style={{ marginTop: 30 }}>
                      {f('remove')}
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => add({ kind: 'CMA', validTo: '' })}>+ {f('addQualification')}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save">
            {f('submit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
