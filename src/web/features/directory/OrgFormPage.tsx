import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Result, Row, Select, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { createOrg, orgKeys, orgQuery, updateOrg, type Org, type OrgBody, type OrgKind, type RecognitionKind, type RevenueBand } from './api';
import { canManage, useAuth, useNames, useTitle } from '../../shell/context';
import { canEditOrg } from './OrgPage';

const LIST_FIELDS = new Set(['formerNames', 'kinds', 'categories']);
const KNOWN = new Set([
  'uscc',
  'name',
  'formerNames',
  'kinds',
  'categories',
  'districtCode',
  'clusterId',
  'address',
  'contactPerson',
  'contactPhone',
  'contactEmail',
  'foundedOn',
  'employees',
  'revenueBand',
  'recognitions',
  'description',
  'website',
]);

/** API field path ("recognitions.0.validTo", "kinds.1") → antd form name path. */
export function formPath(path: string): (string | number)[] | null {
  const parts = path.split('.');
  if (!KNOWN.has(parts[0])) return null;
  if (LIST_FIELDS.has(parts[0])) return [parts[0]];
  if (parts[0] === 'recognitions') {
    if (parts.length >= 3) return ['recognitions', Number(parts[1]), parts[2]];
    if (parts.length === 2) return ['recognitions', Number(parts[1]), 'kind'];
    return null;
  }
  return [parts[0]];
}

interface FormValues {
  uscc: string;
  name: string;
  formerNames?: string[];
  kinds?: OrgKind[];
  categories?: string[];
  districtCode?: string | null;
  clusterId?: string | null;
  address?: string;
  contactPerson?: string;
  contactPhone?: string;
  contactEmail?: string;
  foundedOn?: string;
  employees?: number | null;
  revenueBand?: RevenueBand | null;
  recognitions?: { kind?: RecognitionKind; validFrom?: string; validTo?: string; certificateNo?: string }[];
  description?: string;
  website?: string;
}

function toBody(v: FormValues): OrgBody {
  const text = (s?: string | null) => (s ?? '').trim();
  return {
    uscc: text(v.uscc).toUpperCase(),
    name: text(v.name),
    formerNames: v.formerNames ?? [],
    kinds: v.kinds ?? [],
    categories: v.categories ?? [],
    districtCode: v.districtCode || null,
    clusterId: v.clusterId || null,
    address: text(v.address),
    contactPerson: text(v.contactPerson),
    contactPhone: text(v.contactPhone),
    contactEmail: text(v.contactEmail),
    foundedOn: v.foundedOn || null,
    employees: v.employees ?? null,
    revenueBand: v.revenueBand || null,
    recognitions: (v.recognitions ?? []).flatMap((r) =>
      r?.kind ? [{ kind: r.kind, validFrom: r.validFrom || null, validTo: r.validTo || null, certificateNo: text(r.certificateNo) }] : [],
    ),
    description: text(v.description),
    website: text(v.website),
  };
}

export default function OrgFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useTranslation();
  const names = useNames();
  const { user, ready } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const qc = useQueryClient();
  const loaded = useQuery({ ...orgQuery(Number(id)), enabled: editing });
  const org = editing ? (loaded.data ?? null) : null;
  const loadError = loaded.error?.message ?? null;
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const filled = useRef<Org | null>(null);
  const save = useMutation({
    // an edit carries the version the form was filled from: someone else's change in between is refused (409)
    mutationFn: (body: OrgBody) => (editing ? updateOrg(filled.current!.id, { ...body, version: filled.current!.version }) : createOrg(body)),
    onSuccess: (saved) => {
      qc.setQueryData(orgKeys.detail(saved.id), saved);
      void qc.invalidateQueries({ queryKey: orgKeys.all });
    },
  });
  useTitle(editing ? t('form.editTitle', { name: org?.name ?? '' }) : t('form.newTitle'));

  // the form is filled once from the organization as loaded; a later refetch must not overwrite what is being typed
  useEffect(() => {
    if (!org || filled.current?.id === org.id) return;
    filled.current = org;
    form.setFieldsValue({
      ...org,
      recognitions: org.recognitions.map((r) => ({
        kind: r.kind,
        validFrom: r.validFrom ?? '',
        validTo: r.validTo ?? '',
        certificateNo: r.certificateNo ?? '',
      })),
    } as unknown as FormValues);
  }, [org, form]);

  useEffect(() => {
    if (!editing && user?.role === 'district_admin' && user.districtCode) form.setFieldValue('districtCode', user.districtCode);
  }, [editing, user, form]);

  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!canManage(user))
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('form.forbidden')}
        extra={<Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</Link>}
      />
    );
  if (loadError) return <Result status="error" title={t('common.error')} subTitle={loadError} />;
  if (editing && !org)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (editing && org && !canEditOrg(user, org)) return <Result status="403" title="403" subTitle={t('form.forbidden')} />;

  async function onFinish(values: FormValues) {
    setFormError(null);
    setConflict(null);
    // clear old server errors
    form.setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length)
        .map((f) => ({ name: f.name, errors: [] })) as never,
    );
    try {
      const saved = await save.mutateAsync(toBody(values));
      message.success(editing ? t('common.saved') : t('form.created'));
      navigate(`/orgs/${saved.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setFormError(String(e));
        return;
      }
      const mapped: { name: (string | number)[]; errors: string[] }[] = [];
      const unmapped: string[] = [];
      for (const f of e.fields) {
        const name = formPath(f.path);
        if (!name) {
          unmapped.push(`${f.path}: ${f.message}`);
          continue;
        }
        const existing = mapped.find((m) => JSON.stringify(m.name) === JSON.stringify(name));
        if (existing) existing.errors.push(f.message);
        else mapped.push({ name, errors: [f.message] });
      }
      if (mapped.length) {
        form.setFields(mapped as never);
        form.scrollToField(mapped[0].name as never, { block: 'center' });
      }
      if (e.status === 409 && !mapped.length) {
        setConflict(e.message);
      } else {
        setFormError([mapped.length ? t('common.fixErrors') : e.message, ...unmapped].join('；'));
      }
    }
  }

  const col = { xs: 24, md: 12 };
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {editing ? t('form.editTitle', { name: org?.name }) : t('form.newTitle')}
      </Typography.Title>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          style={{ marginBottom: 12 }}
          data-testid="conflict"
          action={
            <Button size="small" onClick={() => window.location.reload()}>
              {t('common.reload')}
            </Button>
          }
        />
      )}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="form-error" role="alert" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        scrollToFirstError
        initialValues={{ formerNames: [], kinds: ['service_provider'], categories: [], recognitions: [] }}
      >
        <Card size="small" title={t('form.basic')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item name="uscc" label={t('org.uscc')} rules={[{ required: true, message: t('common.required', { field: t('org.uscc') }) }]}>
                <Input maxLength={18} autoComplete="off" style={{ textTransform: 'uppercase' }} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="name" label={t('org.name')} rules={[{ required: true, message: t('common.required', { field: t('org.name') }) }]}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="formerNames" label={t('org.formerNames')} extra={t('form.formerNamesHelp')}>
                <Select mode="tags" open={false} suffixIcon={null} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="kinds" label={t('org.kinds')}>
                <Select mode="multiple" options={(names.ref?.orgKinds ?? []).map((k) => ({ value: k, label: names.kind(k) }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="categories" label={t('org.categories')}>
                <Select mode="multiple" options={(names.ref?.categories ?? []).map((c) => ({ value: c.code, label: names.category(c.code) }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="districtCode" label={t('org.districtCode')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  disabled={user?.role === 'district_admin'}
                  options={names.currentDivisions.map((d) => ({ value: d.code, label: names.district(d.code) }))}
                />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="clusterId" label={t('org.clusterId')}>
                <Select allowClear options={(names.ref?.clusters ?? []).map((c) => ({ value: c.id, label: c.name }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="address" label={t('org.address')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="foundedOn" label={t('org.foundedOn')}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="employees" label={t('org.employees')}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="revenueBand" label={t('org.revenueBand')}>
                <Select allowClear options={(names.ref?.revenueBands ?? []).map((b) => ({ value: b, label: names.revenue(b) }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="website" label={t('org.website')}>
                <Input placeholder="https://" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description" label={t('org.description')}>
                <Input.TextArea rows={4} maxLength={5000} showCount />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('form.contact')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="contactPerson" label={t('org.contactPerson')}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactPhone" label={t('org.contactPhone')}>
                <Input type="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactEmail" label={t('org.contactEmail')}>
                <Input type="email" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={t('org.recognitions')} style={{ marginBottom: 12 }}>
          <Form.List name="recognitions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row gutter={8} key={field.key} align="bottom">
                    <Col xs={24} md={7}>
                      <Form.Item
                        name={[field.name, 'kind']}
                        label={t('form.recKind')}
                        rules={[{ required: true, message: t('common.required', { field: t('form.recKind') }) }]}
                      >
                        <Select options={(names.ref?.recognitionKinds ?? []).map((k) => ({ value: k, label: names.recognition(k) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item name={[field.name, 'validFrom']} label={t('form.validFrom')}>
                        <Input type="date" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={5}>
                      <Form.Item name={[field.name, 'validTo']} label={t('form.validTo')}>
                        <Input type="date" />
                      </Form.Item>
                    </Col>
                    <Col xs={16} md={5}>
                      <Form.Item name={[field.name, 'certificateNo']} label={t('form.certificateNo')}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={8} md={2}>
                      <Form.Item>
                        <Button danger onClick={() => remove(field.name)}>
                          {t('common.remove')}
                        </Button>
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" onClick={() => add({ kind: undefined, validFrom: '', validTo: '', certificateNo: '' })}>
                  + {t('form.addRecognition')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
