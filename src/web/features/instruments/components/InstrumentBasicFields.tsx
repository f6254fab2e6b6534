/** The instrument form's "basic" card: owner (admin, new only), name, class, model, location, texts and contact */
import { Card, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { INSTRUMENT_KINDS, INSTRUMENT_STATUSES } from '../api';
import { useNames } from '../../../shell/context';
import { useClasses } from '../shared';
import { col, col3 } from '../instrumentForm';
import OwnerPicker from './OwnerPicker';

const yuanInput = <InputNumber min={0} precision={2} style={{ width: '100%' }} prefix="¥" />;

export default function InstrumentBasicFields({ pickOwner }: { pickOwner: boolean }) {
  const { t } = useTranslation();
  const names = useNames();
  const cls = useClasses();
  const req = (label: string) => [{ required: true, message: t('common.required', { field: label }) }];
  return (
    <Card size="small" title={<h2 className="kft-card-title">{t('inst.basic')}</h2>} style={{ marginBottom: 12 }}>
      <Row gutter={16}>
        {pickOwner && (
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
  );
}
