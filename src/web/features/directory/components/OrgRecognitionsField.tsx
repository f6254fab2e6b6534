/** The organization form's recognitions card: a list of kind, validity and certificate number, rows added and removed */
import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNames } from '../../../shell/context';

export default function OrgRecognitionsField() {
  const { t } = useTranslation();
  const names = useNames();
  return (
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
  );
}
