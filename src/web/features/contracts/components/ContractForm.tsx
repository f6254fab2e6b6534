/** The seller's JJ-001 form: every field, amounts in 元, the server's field errors inline under each field. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { toFen } from '../../../lib/time';
import { CONTRACT_TYPES, type Contract, type ContractPatchBody, IP_TYPES, NATURES, PLAN_SOURCES, stationsQuery, SUB_TYPES, TECH_FIELDS } from '../api';

const MONEY = ['amountFen', 'techAmountFen', 'equipmentFen', 'partsFen', 'materialsFen', 'newInvestmentFen', 'newOutputFen'] as const;
const DATES = ['signedOn', 'validFrom', 'validUntil'] as const;
const PARTY = ['name', 'uscc', 'countryCode', 'divisionCode', 'nature'] as const;

// biome-ignore lint/suspicious/noExplicitAny: the form's values mirror the contract loosely (money in yuan)
type Values = Record<string, any>;

function toValues(c: Contract): Values {
  const v: Values = {
    projectName: c.projectName,
    contractType: c.contractType,
    subType: c.subType,
    techField: c.techField,
    ipType: c.ipType,
    planSource: c.planSource,
    disputed: c.disputed,
  };
  for (const k of MONEY) v[k] = c[k] == null ? null : c[k] / 100;
  for (const k of DATES) v[k] = c[k] ?? '';
  v.stationId = c.station?.id ?? null;
  v.seller = { ...c.seller };
  v.buyer = { ...c.buyer };
  return v;
}

/** `withStation`: the seller may choose the station (the setting is on, the contract a draft) */
function toBody(v: Values, version: number, withStation: boolean): ContractPatchBody {
  const party = (p: Values | undefined) => Object.fromEntries(PARTY.filter((k) => p?.[k] != null && p[k] !== '').map((k) => [k, p![k]]));
  const body: Values = { version, seller: party(v.seller), buyer: party(v.buyer), disputed: !!v.disputed };
  for (const k of ['projectName', 'contractType', 'subType', 'techField', 'ipType', 'planSource'] as const) if (v[k]) body[k] = v[k];
  for (const k of MONEY) if (v[k] != null) body[k] = toFen(v[k]);
  for (const k of DATES) if (v[k]) body[k] = v[k];
  if (withStation) body.stationId = v.stationId ?? null;
  return body as ContractPatchBody;
}

export function ContractForm({
  contract,
  onSave,
  onSubmit,
  busy,
}: {
  contract: Contract;
  onSave: (b: ContractPatchBody) => Promise<unknown>;
  onSubmit: () => Promise<unknown>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  // untyped: nested names (seller.uscc) are set from the server's error paths
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const [form] = Form.useForm<any>();
  const [rest, setRest] = useState<string[]>([]);
  const type = Form.useWatch('contractType', form) as Contract['contractType'];
  const stations = useQuery(stationsQuery());
  const choosesStation = !!stations.data?.sellerMayChoose && contract.status === 'draft';
  const showErrors = (e: unknown) => {
    if (!(e instanceof ApiError)) return setRest([String(e)]);
    form.setFields(e.fields.map((f) => ({ name: f.path.split('.'), errors: [f.message] })));
    setRest(e.fields.length ? [] : [e.message]);
  };
  const clear = () => {
    setRest([]);
    form.setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length)
        .map((f) => ({ name: f.name, errors: [] })),
    );
  };
  const save = async () => {
    clear();
    try {
      await onSave(toBody(form.getFieldsValue(true), contract.version, choosesStation));
      return true;
    } catch (e) {
      showErrors(e);
      return false;
    }
  };
  const submit = async () => {
    if (!(await save())) return;
    try {
      await onSubmit();
    } catch (e) {
      showErrors(e);
    }
  };
  const opts = (list: readonly string[], prefix: string) => list.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const money = (k: (typeof MONEY)[number]) => (
    <Col xs={24} sm={12} md={8} key={k}>
      <Form.Item name={k} label={t(`ctr.form.${k}`)}>
        <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid={`f-${k}`} />
      </Form.Item>
    </Col>
  );
  const party = (side: 'seller' | 'buyer') => (
    <>
      <Typography.Title level={3}>{t(`ctr.form.${side}`)}</Typography.Title>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name={[side, 'name']} label={t('ctr.form.name')}>
            <Input data-testid={`f-${side}-name`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[side, 'uscc']} label={t('ctr.form.uscc')}>
            <Input maxLength={20} data-testid={`f-${side}-uscc`} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[side, 'countryCode']} label={t('ctr.form.countryCode')}>
            <Input maxLength={3} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[side, 'divisionCode']} label={t('ctr.form.divisionCode')}>
            <Input maxLength={6} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[side, 'nature']} label={t('ctr.form.nature')}>
            <Select showSearch optionFilterProp="label" options={opts(NATURES, 'ctr.nature')} data-testid={`f-${side}-nature`} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
  return (
    <Form form={form} layout="vertical" initialValues={toValues(contract)} data-testid="contract-form">
      {rest.map((e) => (
        <Alert key={e} type="error" showIcon title={e} style={{ marginBottom: 12 }} />
      ))}
      <Typography.Title level={3}>{t('ctr.form.basics')}</Typography.Title>
      <Form.Item name="projectName" label={t('ctr.form.projectName')}>
        <Input maxLength={200} />
      </Form.Item>
      {choosesStation && (
        <Form.Item name="stationId" label={t('ctr.form.stationId')} extra={t('ctr.form.stationHelp')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('ctr.form.stationAuto')}
            data-testid="f-stationId"
            options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="contractType" label={t('ctr.form.contractType')}>
            <Select
              showSearch
              optionFilterProp="label"
              options={opts(CONTRACT_TYPES, 'ctr.type')}
              onChange={() => form.setFieldValue('subType', undefined)}
              data-testid="f-contractType"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="subType" label={t('ctr.form.subType')}>
            <Select showSearch optionFilterProp="label" options={type ? opts(SUB_TYPES[type], 'ctr.subType') : []} data-testid="f-subType" />
          </Form.Item>
        </Col>
        {DATES.map((k) => (
          <Col xs={24} sm={8} key={k}>
            <Form.Item name={k} label={t(`ctr.form.${k}`)}>
              <Input type="date" data-testid={`f-${k}`} />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} sm={8}>
          <Form.Item name="techField" label={t('ctr.form.techField')}>
            <Select showSearch optionFilterProp="label" options={opts(TECH_FIELDS, 'ctr.field')} data-testid="f-techField" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="ipType" label={t('ctr.form.ipType')}>
            <Select showSearch optionFilterProp="label" options={opts(IP_TYPES, 'ctr.ip')} data-testid="f-ipType" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="planSource" label={t('ctr.form.planSource')}>
            <Select showSearch optionFilterProp="label" options={opts(PLAN_SOURCES, 'ctr.plan')} data-testid="f-planSource" />
          </Form.Item>
        </Col>
      </Row>
      {party('seller')}
      {party('buyer')}
      <Typography.Title level={3}>{t('ctr.form.money')}</Typography.Title>
      <Row gutter={12}>{(['amountFen', 'techAmountFen', 'equipmentFen', 'partsFen', 'materialsFen'] as const).map(money)}</Row>
      {type === 'transfer' && (
        <>
          <Typography.Title level={3}>{t('ctr.form.transfer')}</Typography.Title>
          <Row gutter={12}>{(['newInvestmentFen', 'newOutputFen'] as const).map(money)}</Row>
        </>
      )}
      <Form.Item name="disputed" valuePropName="checked">
        <Checkbox>{t('ctr.form.disputed')}</Checkbox>
      </Form.Item>
      <Space wrap>
        <Button onClick={save} loading={busy} data-testid="contract-save">
          {t('ctr.save')}
        </Button>
        <Button type="primary" onClick={submit} loading={busy} data-testid="contract-submit">
          {contract.status === 'needs_correction' ? t('ctr.resubmit') : t('ctr.submit')}
        </Button>
      </Space>
    </Form>
  );
}
