/** The organization form's "basic" card: USCC, name, former names, kinds, categories, district, cluster and profile */
import { Card, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../../shell/context';

const col = { xs: 24, md: 12 };

export default function OrgBasicFields({ districtLocked }: { districtLocked: boolean }) {
  const { t } = useTranslation();
  const names = useNames();
  return (
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
              disabled={districtLocked}
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
  );
}
