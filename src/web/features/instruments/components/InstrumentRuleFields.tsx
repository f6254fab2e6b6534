/** The instrument form's "booking rules" card: booking length, notice, advance days, cancel notice, approval and training */
import { Card, Col, Form, InputNumber, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { col3 } from '../instrumentForm';

export default function InstrumentRuleFields() {
  const { t } = useTranslation();
  return (
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
  );
}
