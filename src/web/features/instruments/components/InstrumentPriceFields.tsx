/** The instrument form's "prices" card: sharing mode, unit, external and internal price, off-peak price and hours */
import { Card, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PRICE_UNITS, SHARING_MODES, type InstrumentBody } from '../api';
import { col3 } from '../instrumentForm';

const yuanInput = <InputNumber min={0} precision={2} style={{ width: '100%' }} prefix="¥" />;

export default function InstrumentPriceFields({ priceUnit }: { priceUnit: InstrumentBody['priceUnit'] | undefined }) {
  const { t } = useTranslation();
  const req = (label: string) => [{ required: true, message: t('common.required', { field: label }) }];
  return (
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
  );
}
