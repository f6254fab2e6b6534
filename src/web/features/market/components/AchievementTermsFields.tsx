/** The achievement form's terms card: transfer modes, and a price range in 万元 or 面议 */
import { Card, Checkbox, Col, Form, InputNumber, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { TRANSFER_MODES } from '../vocabulary';

export default function AchievementTermsFields() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<h2 className="kft-card-title">{t('mk.achievement.terms')}</h2>} style={{ marginBottom: 12 }}>
      <Form.Item
        name="transferModes"
        label={t('mk.achievement.transferModes')}
        rules={[{ type: 'array', required: true, min: 1, message: t('mk.form.transferModeRequired') }]}
      >
        <Checkbox.Group options={TRANSFER_MODES.map((m) => ({ value: m, label: t(`mk.mode.${m}`) }))} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="priceNegotiable" valuePropName="checked" label={t('mk.achievement.price')}>
            <Checkbox>{t('mk.form.negotiable')}</Checkbox>
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          {/* a fixed price (not 面议) needs the lowest or the highest price, as the server requires */}
          <Form.Item noStyle dependencies={['priceNegotiable', 'priceMaxWan']}>
            {({ getFieldValue }) => (
              <Form.Item
                name="priceMinWan"
                label={t('mk.form.priceMinWan')}
                rules={[{ required: !getFieldValue('priceNegotiable') && getFieldValue('priceMaxWan') == null, message: t('mk.form.priceRequired') }]}
              >
                <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix={t('mk.wan')} />
              </Form.Item>
            )}
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="priceMaxWan" label={t('mk.form.priceMaxWan')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix={t('mk.wan')} />
          </Form.Item>
        </Col>
      </Row>
      <p className="kft-meta" style={{ margin: 0 }}>
        {t('mk.form.priceHelp')}
      </p>
    </Card>
  );
}
