/** The achievement form's intellectual-property card: rows of type and number, added and removed */
import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { IP_TYPES } from '../vocabulary';

export default function AchievementIpField() {
  const { t } = useTranslation();
  const req = (label: string) => [{ required: true, message: t('common.required', { field: label }) }];
  return (
    <Card size="small" title={<h2 className="kft-card-title">{t('mk.achievement.ip')}</h2>} style={{ marginBottom: 12 }}>
      <Form.List name="ip">
        {(list, { add, remove }) => (
          <>
            {list.map((f, i) => (
              <Row gutter={8} key={f.key} align="bottom" data-testid="ip-row">
                <Col xs={24} sm={9}>
                  <Form.Item name={[f.name, 'type']} label={t('mk.achievement.ipType')} rules={req(t('mk.achievement.ipType'))}>
                    <Select aria-label={t('mk.achievement.ipTypeN', { n: i + 1 })} options={IP_TYPES.map((x) => ({ value: x, label: t(`mk.ipType.${x}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={17} sm={11}>
                  <Form.Item name={[f.name, 'number']} label={t('mk.achievement.ipNumber')} rules={req(t('mk.achievement.ipNumber'))}>
                    <Input placeholder="ZL 2023 1 0123456.7" />
                  </Form.Item>
                </Col>
                <Col xs={7} sm={4}>
                  <Form.Item>
                    <Button danger onClick={() => remove(f.name)}>
                      {t('common.remove')}
                    </Button>
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button type="dashed" onClick={() => add({ type: 'invention', number: '' })} data-testid="add-ip">
              + {t('mk.achievement.addIp')}
            </Button>
          </>
        )}
      </Form.List>
    </Card>
  );
}
