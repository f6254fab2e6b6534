import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Result, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { createOrg, orgKeys, orgQuery, updateOrg, type Org, type OrgBody } from './api';
import { canManage, useAuth, useTitle } from '../../shell/context';
import { canEditOrg } from './OrgPage';
import { formPath, toBody, type FormValues } from './orgForm';
import OrgBasicFields from './components/OrgBasicFields';
import OrgContactFields from './components/OrgContactFields';
import OrgRecognitionsField from './components/OrgRecognitionsField';

export default function OrgFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useTranslation();
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
        <OrgBasicFields districtLocked={user?.role === 'district_admin'} />
        <OrgContactFields />
        <OrgRecognitionsField />
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
