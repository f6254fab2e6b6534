/** The quote: its lines in 元 with the server's amounts, the provider's quote form, the buyer's confirmation. */
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { orderSteps, type Order } from '../api';
import { money } from './shared';
import { useStep } from './useStep';

interface QuoteForm {
  lines: { name: string; quantity: number; unit: number }[];
  taxRate?: number;
  tax: number;
  note?: string;
  validUntil?: { format: (f: string) => string };
}

export function QuoteSection({ order }: { order: Order }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<QuoteForm>();
  const quote = useStep(
    order.id,
    (v: QuoteForm) =>
      orderSteps.quote(order.id, {
        lines: v.lines.map((l) => ({ name: l.name, quantity: l.quantity, unitFen: Math.round((l.unit ?? 0) * 100) })),
        ...(v.taxRate != null ? { taxRate: v.taxRate / 100 } : {}),
        taxFen: Math.round((v.tax ?? 0) * 100),
        ...(v.note ? { note: v.note } : {}),
        ...(v.validUntil ? { validUntil: v.validUntil.format('YYYY-MM-DD') } : {}),
      }),
    { form, fields: ['lines', 'taxRate', 'taxFen', 'note', 'validUntil'], rename: { unitFen: 'unit', taxFen: 'tax' } },
  );
  const confirm = useStep(order.id, () => orderSteps.confirm(order.id));
  const q = order.quote;
  const rows = q
    ? [
        ...q.lines.map((l, i) => ({ key: `l${i}`, name: l.name, quantity: String(l.quantity), unit: money(l.unitFen), amount: money(l.amountFen) })),
        { key: 'sub', name: t('ord.quote.subtotal'), quantity: '', unit: '', amount: money(q.subtotalFen) },
        {
          key: 'tax',
          name: q.taxRate != null ? `${t('ord.quote.tax')}（${Math.round(q.taxRate * 10000) / 100}%）` : t('ord.quote.tax'),
          quantity: '',
          unit: '',
          amount: money(q.taxFen),
        },
        { key: 'total', name: t('ord.quote.total'), quantity: '', unit: '', amount: money(q.totalFen) },
      ]
    : [];
  return (
    <Card size="small" title={<h2 className="kft-card-title">{t('ord.quote.title')}</h2>} data-testid="quote-section">
      {q ? (
        <>
          <div style={{ overflowX: 'auto' }}>
            <Table
              size="small"
              pagination={false}
              dataSource={rows}
              data-testid="quote-table"
              columns={[
                { title: t('ord.quote.name'), dataIndex: 'name' },
                { title: t('ord.quote.quantity'), dataIndex: 'quantity', align: 'right' },
                { title: t('ord.quote.unit'), dataIndex: 'unit', align: 'right' },
                { title: t('ord.quote.amount'), dataIndex: 'amount', align: 'right' },
              ]}
            />
          </div>
          {(q.note || q.validUntil) && (
            <p className="kft-meta">
              {q.note && `${t('ord.quote.note')}：${q.note}　`}
              {q.validUntil && `${t('ord.quote.validUntil')}：${q.validUntil}`}
            </p>
          )}
        </>
      ) : (
        <p className="kft-meta">{t('ord.quote.none')}</p>
      )}
      {order.can.confirm && (
        <>
          {confirm.errors.length > 0 && <Alert type="error" showIcon role="alert" title={confirm.errors.join(' ')} />}
          <Popconfirm title={t('ord.quote.confirmAsk')} onConfirm={() => confirm.mutate(undefined)}>
            <Button type="primary" loading={confirm.isPending} data-testid="confirm-quote" style={{ marginTop: 8 }}>
              {t('ord.quote.confirm')}
            </Button>
          </Popconfirm>
        </>
      )}
      {order.can.quote && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          initialValues={{ lines: [{ name: order.title, quantity: 1, unit: undefined }], tax: 0 }}
          onFinish={(v) => quote.mutate(v)}
          data-testid="quote-form"
        >
          {quote.errors.length > 0 && <Alert type="error" showIcon role="alert" title={quote.errors.join(' ')} style={{ marginBottom: 8 }} />}
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} wrap align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'name']} label={t('ord.quote.name')} style={{ minWidth: 200 }}>
                      <Input maxLength={200} data-testid={`line-name-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']} label={t('ord.quote.quantity')}>
                      <InputNumber min={1} precision={0} data-testid={`line-qty-${i}`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'unit']} label={t('ord.quote.unit')}>
                      <InputNumber min={0} precision={2} data-testid={`line-unit-${i}`} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button type="link" onClick={() => remove(f.name)} aria-label={t('ord.quote.removeLine')} style={{ marginTop: 30 }}>
                        ×
                      </Button>
                    )}
                  </Space>
                ))}
                <Button onClick={() => add({ quantity: 1 })} style={{ marginBottom: 12 }}>
                  {t('ord.quote.addLine')}
                </Button>
              </>
            )}
          </Form.List>
          <Space wrap>
            <Form.Item name="taxRate" label={t('ord.quote.taxRate')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name="tax" label={`${t('ord.quote.tax')}（元）`}>
              <InputNumber min={0} precision={2} data-testid="quote-tax" />
            </Form.Item>
            <Form.Item name="validUntil" label={t('ord.quote.validUntil')}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('ord.quote.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={quote.isPending} data-testid="quote-submit">
            {q ? t('ord.quote.resubmit') : t('ord.quote.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
