/**
 * /instruments/new and /instruments/:id/edit — every field of the instrument's body (InstrumentBody). Money is typed in yuan and sent in
 * fen; the server's field errors (`fields[].path`) are shown at their fields, opening-hours errors at the editor.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Result, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { createInstrument, instrumentKeys, instrumentQuery, updateInstrument, type InstrumentBody, type InstrumentDetail } from './api';
import { useAuth, useTitle } from '../../shell/context';
import OpeningHoursEditor from './components/OpeningHoursEditor';
import InstrumentBasicFields from './components/InstrumentBasicFields';
import InstrumentPriceFields from './components/InstrumentPriceFields';
import InstrumentRuleFields from './components/InstrumentRuleFields';
import { DEFAULTS, formField, MONEY, toBody, type Values } from './instrumentForm';
import { toYuan } from '../../lib/time';

export default function InstrumentFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useTranslation();
  const c = t('common.sep'); // '：' in Chinese, ': ' in English
  const { user, ready } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const loaded = useQuery({ ...instrumentQuery(Number(id)), enabled: editing });
  const ins = editing ? (loaded.data ?? null) : null;
  const loadError = loaded.error ?? null;
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const priceUnit = Form.useWatch('priceUnit', form);
  // the form is filled once from the instrument as loaded (a later refetch must not overwrite what is being typed);
  // an edit carries that version, so someone else's change in between is refused (409)
  const filled = useRef<InstrumentDetail | null>(null);
  const save = useMutation({
    mutationFn: (body: InstrumentBody) =>
      editing ? updateInstrument(filled.current!.id, { ...body, version: filled.current!.version }) : createInstrument(body),
    // the write answers the instrument without the viewer's `qualified`: the page keeps the one it had until it reads the instrument again
    onSuccess: (saved) => {
      qc.setQueryData(instrumentQuery(saved.id).queryKey, (old) => (old ? { ...old, ...saved } : old));
      void qc.invalidateQueries({ queryKey: instrumentKeys.all });
    },
  });
  const saving = save.isPending;
  useTitle(editing ? t('instForm.editInstrument', { name: ins?.name ?? '' }) : t('instForm.newInstrument'));

  useEffect(() => {
    if (!ins || filled.current?.id === ins.id) return;
    filled.current = ins;
    const v: Record<string, unknown> = { ...ins };
    for (const k of MONEY) v[k] = toYuan(ins[k] ?? null);
    form.setFieldsValue(v as Values);
  }, [ins, form]);

  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!user || !(user.role === 'admin' || user.orgId))
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('instForm.instrumentForbidden')}
        extra={<Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</Link>}
      />
    );
  if (loadError) return <Result status="error" title={t('common.error')} subTitle={loadError.message} />;
  if (editing && !ins)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (ins && !ins.canManage) return <Result status="403" title="403" subTitle={t('instForm.instrumentForbidden')} />;

  async function onFinish(values: Values) {
    setFormError(null);
    setConflict(null);
    form.setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length)
        .map((f) => ({ name: f.name, errors: [] })) as never,
    );
    try {
      const saved = await save.mutateAsync(toBody(values));
      message.success(editing ? t('common.saved') : t('instForm.instrumentCreated'));
      navigate(`/instruments/${saved.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        setFormError(String(e));
        return;
      }
      const byField = new Map<string, string[]>();
      const unmapped: string[] = [];
      for (const f of e.fields) {
        const name = formField(f.path);
        if (!name) {
          unmapped.push(`${f.path}: ${f.message}`);
          continue;
        }
        // say which weekday an opening-hours error is about
        const day = name === 'openingHours' ? f.path.split('.')[1] : undefined;
        const msg = day !== undefined && /^\d$/.test(day) ? `${t(`cal.weekdays.${day}`)}${c}${f.message}` : f.message;
        byField.set(name, [...(byField.get(name) ?? []), msg]);
      }
      const mapped = [...byField].map(([name, errors]) => ({ name, errors }));
      if (mapped.length) {
        form.setFields(mapped as never);
        form.scrollToField(mapped[0].name as never, { block: 'center' });
      }
      if (e.status === 409 && !mapped.length) setConflict(e.message);
      else setFormError([mapped.length ? t('common.fixErrors') : e.message, ...unmapped].join(t('common.msgSep')));
    }
  }

  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {editing ? t('instForm.editInstrument', { name: ins?.name }) : t('instForm.newInstrument')}
      </Typography.Title>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          style={{ marginBottom: 12 }}
          action={
            <Button size="small" onClick={() => window.location.reload()}>
              {t('common.reload')}
            </Button>
          }
        />
      )}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} role="alert" data-testid="form-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} scrollToFirstError initialValues={DEFAULTS}>
        <InstrumentBasicFields pickOwner={user.role === 'admin' && !editing} />
        <InstrumentPriceFields priceUnit={priceUnit} />
        <Card size="small" title={<h2 className="kft-card-title">{t('inst.openingHours')}</h2>} style={{ marginBottom: 12 }}>
          <Form.Item name="openingHours" label={t('inst.openingHours')} className="kft-sr-label">
            <OpeningHoursEditor />
          </Form.Item>
        </Card>
        <InstrumentRuleFields />
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}
