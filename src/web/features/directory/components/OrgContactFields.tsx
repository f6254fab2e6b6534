/** The organization form's contact card: person, phone, email */
import { Card, Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';

export default function OrgContactFields() {
  const { t } = useTranslation();
  return (
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
  );
}
