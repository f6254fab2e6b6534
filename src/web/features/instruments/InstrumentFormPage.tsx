/**
 * /instruments/new and /instruments/:id/edit — every field of the instrument's body (InstrumentBody). Money is typed in yuan and sent in
 * fen; the server's field errors (`fields[].path`) are shown at their fields, opening-hours errors at the editor.
 */
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Result, Row, Select, Space, Spin, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { orgOptionsQuery } from '../directory/api';
import {
  createInstrument,
  INSTRUMENT_KINDS,
  INSTRUMENT_STATUSES,
  instrumentKeys,
  instrumentQuery,
  PRICE_UNITS,
  SHARING_MODES,
  updateInstrument,
  type InstrumentBody,
  type InstrumentDetail,
} from './api';
import { useAuth, useNames, useTitle } from '../../shell/context';
import OpeningHoursEditor from './components/OpeningHoursEditor';
import { useClasses } from './shared';
import { toFen, toYuan } from '../../lib/time';

const MONEY = ['originalValueFen', 'priceInternalFen', 'priceExternalFen', 'offPeakPriceFen'] as const;
const TEXT = [
  'model',
  'manufacturer',
  'address',
  'room',
  'specifications',
  'capabilities',
  'sampleRequirements',
  'contactName',
  'contactPhone',
  'purchaseDate',
  'districtCode',
  'peakStart',
  'peakEnd',
] as const;
const FIELDS = new Set([
  'ownerOrgId',
  'name',
  'classCode',
  'kind',
  'sharingMode',
  'priceUnit',
  'openingHours',
  'minBookingMinutes',
  'maxBookingMinutes',
  'noticeHours',
  'maxAdvanceDays',
  'cancelNoticeHours',
  'needsApproval',
  'needsTraining',
  'status',
  ...MONEY,
  ...TEXT,
]);

type Values = Omit<InstrumentBody, (typeof MONEY)[number]> & Record<(typeof MONEY)[number], number | null | undefined>;

const DEFAULTS: Partial<Values> = {
  kind: 'instrument',
  sharingMode: 'open',
  priceUnit: 'hour',
  status: 'in_service',
  needsApproval: true,
  needsTraining: false,
  minBookingMinutes: 30,
  maxBookingMinutes: 480,
  noticeHours: 0,
  maxAdvanceDays: 90,
  cancelNoticeHours: 24,
  openingHours: [0, 1, 2, 3, 4, 5, 6].map((d) =>
    d < 5
      ? [
          ['09:00', '12:00'],
          ['13:30', '17:30'],
        ]
      : [],
  ) as InstrumentBody['openingHours'],
};

function toBody(v: Values): InstrumentBody {
  const body: Record<string, unknown> = { ...v };
  for (const k of MONEY) body[k] = toFen(v[k] ?? null);
  for (const k of TEXT) body[k] = typeof v[k] === 'string' ? (v[k] as string).trim() || null : (v[k] ?? null);
  body.name = v.name.trim();
  if (body.ownerOrgId == null) delete body.ownerOrgId;
  return body as unknown as InstrumentBody;
}

/** API path "openingHours.2.0" → form field "openingHours"; "priceExternalFen" → itself. */
export function formField(path: string): string | null {
  const head = path.split('.')[0];
  return FIELDS.has(head) ? head : null;
}

function OwnerPicker({ value, onChange, id }: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data: options = [] } = useQuery(orgOptionsQuery(q));
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={t('common.ownerSearch')}
    />
  );
}

export default function InstrumentFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const { t } = useTranslation();
  const c = t('common.sep'); // '：' in Chinese, ': ' in English
  const names = useNames();
  const cls = useClasses();
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

  const col = { xs: 24, md: 12 };
  const col3 = { xs: 24, sm: 12, md: 8 };
  const req = (label: string) => [{ required: true, message: t('common.required', { field: label }) }];
  const yuanInput = <InputNumber min={0} precision={2} style={{ width: '100%' }} prefix="¥" />;
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
        <Card size="small" title={<h2 className="kft-card-title">{t('inst.basic')}</h2>} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            {user.role === 'admin' && !editing && (
              <Col xs={24}>
                <Form.Item name="ownerOrgId" label={t('inst.owner')} rules={req(t('inst.owner'))}>
                  <OwnerPicker />
                </Form.Item>
              </Col>
            )}
            <Col {...col}>
              <Form.Item name="name" label={t('inst.name')} rules={req(t('inst.name'))}>
                <Input maxLength={120} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="classCode" label={t('inst.class')} rules={req(t('inst.class'))}>
                <Select options={cls.classes.map((c) => ({ value: c.code, label: cls.name(c.code) }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="model" label={t('inst.model')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="manufacturer" label={t('inst.manufacturer')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="kind" label={t('inst.kind')}>
                <Select options={INSTRUMENT_KINDS.map((k) => ({ value: k, label: t(`inst.kinds.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="status" label={t('inst.status')}>
                <Select options={INSTRUMENT_STATUSES.map((k) => ({ value: k, label: t(`inst.statuses.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="originalValueFen" label={t('instForm.originalValueYuan')}>
                {yuanInput}
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="purchaseDate" label={t('inst.purchaseDate')}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="districtCode" label={t('inst.district')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={names.currentDivisions.map((d) => ({ value: d.code, label: names.district(d.code) }))}
                />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="room" label={t('inst.room')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="address" label={t('inst.address')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="specifications" label={t('inst.specifications')}>
                <Input.TextArea rows={3} maxLength={5000} showCount />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="capabilities" label={t('inst.capabilities')}>
                <Input.TextArea rows={3} maxLength={5000} showCount />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="sampleRequirements" label={t('inst.sampleRequirements')}>
                <Input.TextArea rows={2} maxLength={2000} showCount />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="contactName" label={t('inst.contactName')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="contactPhone" label={t('inst.contactPhone')}>
                <Input type="tel" maxLength={30} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title={<h2 className="kft-card-title">{t('inst.prices')}</h2>} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col {...col3}>
              <Form.Item name="sharingMode" label={t('inst.sharingMode')}>
                <Select options={SHARING_MODES.map((k) => ({ value: k, label: t(`inst.modes.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="priceUnit" label={t('inst.priceUnit')}>
                <Select options={PRICE_UNITS.map((k) => ({ value: k, label: t(`inst.unit.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col {...col3} />
            <Col {...col3}>
              <Form.Item name="priceExternalFen" label={t('instForm.priceExternalYuan')} rules={req(t('instForm.priceExternalYuan'))}>
                {yuanInput}
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="priceInternalFen" label={t('instForm.priceInternalYuan')} rules={req(t('instForm.priceInternalYuan'))}>
                {yuanInput}
              </Form.Item>
            </Col>
            {priceUnit !== 'sample' && (
              <>
                <Col {...col3}>
                  <Form.Item name="offPeakPriceFen" label={t('instForm.offPeakYuan')} extra={t('instForm.offPeakHint')}>
                    {yuanInput}
                  </Form.Item>
                </Col>
                <Col {...col3}>
                  <Form.Item name="peakStart" label={t('instForm.peakStart')}>
                    <Input type="time" step={900} />
                  </Form.Item>
                </Col>
                <Col {...col3}>
                  <Form.Item name="peakEnd" label={t('instForm.peakEnd')}>
                    <Input type="time" step={900} />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
        </Card>
        <Card size="small" title={<h2 className="kft-card-title">{t('inst.openingHours')}</h2>} style={{ marginBottom: 12 }}>
          <Form.Item name="openingHours" label={t('inst.openingHours')} className="kft-sr-label">
            <OpeningHoursEditor />
          </Form.Item>
        </Card>
        <Card size="small" title={<h2 className="kft-card-title">{t('inst.rules')}</h2>} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col {...col3}>
              <Form.Item name="minBookingMinutes" label={t('instForm.minBookingMinutes')}>
                <InputNumber min={5} max={20160} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="maxBookingMinutes" label={t('instForm.maxBookingMinutes')}>
                <InputNumber min={5} max={20160} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="noticeHours" label={t('instForm.noticeHours')}>
                <InputNumber min={0} max={1440} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="maxAdvanceDays" label={t('instForm.maxAdvanceDays')}>
                <InputNumber min={1} max={730} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="cancelNoticeHours" label={t('instForm.cancelNoticeHours')}>
                <InputNumber min={0} max={720} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...col3} />
            <Col {...col3}>
              <Form.Item name="needsApproval" label={t('inst.approval')} valuePropName="checked">
                <Switch checkedChildren={t('inst.needsApproval')} unCheckedChildren={t('inst.instant')} />
              </Form.Item>
            </Col>
            <Col {...col3}>
              <Form.Item name="needsTraining" label={t('inst.training')} valuePropName="checked">
                <Switch checkedChildren={t('inst.needsTraining')} unCheckedChildren={t('inst.noTraining')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
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
