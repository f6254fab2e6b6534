/** The order page's panels, one per part of the order: contract, milestones, delivery, invoice and payment, ratings, thread, history. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Form, Input, List, Popconfirm, Rate, Space, Timeline, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtDateTime, fmtFull } from '../../../lib/time';
import { orderHistoryQuery, orderKeys, orderMessagesQuery, orderSteps, uploadOrderContract, uploadOrderFile, type Order } from '../api';
import { useStep } from './useStep';

const title = (text: string) => <h2 className="kft-card-title">{text}</h2>;
const Errors = ({ errors }: { errors: string[] }) =>
  errors.length ? <Alert type="error" showIcon role="alert" title={errors.join(' ')} style={{ marginBottom: 8 }} /> : null;
const fileOf = (list: UploadFile[]) => list.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f);

export function ContractPanel({ order }: { order: Order }) {
  const { t } = useTranslation();
  const upload = useStep(order.id, (file: File) => uploadOrderContract(order.id, file));
  if (!order.contractPdfUrl && !order.contract) return null;
  return (
    <Card size="small" title={title(t('ord.contract.title'))} data-testid="contract-section">
      <Space direction="vertical">
        {order.contractPdfUrl && (
          <a href={order.contractPdfUrl} data-testid="contract-pdf">
            {t('ord.contract.generated')}
          </a>
        )}
        {order.contract && (
          <a href={order.contract.url} data-testid="contract-file">
            {t('ord.contract.uploaded', { name: order.contract.filename })}
          </a>
        )}
        {order.can.uploadContract && (
          <>
            <Errors errors={upload.errors} />
            <Upload
              accept="application/pdf,.pdf"
              showUploadList={false}
              beforeUpload={(file) => {
                upload.mutate(file);
                return false;
              }}
            >
              <Button loading={upload.isPending}>{t('ord.contract.upload')}</Button>
            </Upload>
          </>
        )}
      </Space>
    </Card>
  );
}

export function MilestonesPanel({ order }: { order: Order }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string; dueOn?: { format: (f: string) => string } }>();
  const add = useStep(
    order.id,
    (v: { title: string; dueOn?: { format: (f: string) => string } }) => orderSteps.addMilestone(order.id, v.title, v.dueOn?.format('YYYY-MM-DD')),
    {
      form,
      fields: ['title', 'dueOn'],
    },
  );
  const done = useStep(order.id, (milestoneId: number) => orderSteps.completeMilestone(order.id, milestoneId));
  if (!order.milestones.length && !order.can.addMilestone) return null;
  return (
    <Card size="small" title={title(t('ord.milestones.title'))} data-testid="milestones-section">
      {order.milestones.length === 0 && <p className="kft-meta">{t('ord.milestones.none')}</p>}
      <List
        size="small"
        dataSource={order.milestones}
        renderItem={(m) => (
          <List.Item
            data-testid="milestone"
            actions={
              !m.doneAt && order.can.completeMilestone
                ? [
                    <Button key="d" size="small" onClick={() => done.mutate(m.id)} loading={done.isPending && done.variables === m.id}>
                      {t('ord.milestones.done')}
                    </Button>,
                  ]
                : []
            }
          >
            {m.doneAt ? '✓ ' : '○ '}
            {m.title}
            {m.dueOn && <span className="kft-meta">（{m.dueOn}）</span>}
            {m.doneAt && <span className="kft-meta"> {t('ord.milestones.doneAt', { at: fmtDateTime(m.doneAt) })}</span>}
          </List.Item>
        )}
      />
      <Errors errors={[...add.errors, ...done.errors]} />
      {order.can.addMilestone && (
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Space wrap align="end">
            <Form.Item name="title" label={t('ord.milestones.name')}>
              <Input maxLength={200} data-testid="milestone-title" />
            </Form.Item>
            <Form.Item name="dueOn" label={t('ord.milestones.dueOn')}>
              <DatePicker />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={add.isPending}>
                {t('ord.milestones.add')}
              </Button>
            </Form.Item>
          </Space>
        </Form>
      )}
    </Card>
  );
}

export function DeliveryPanel({ order }: { order: Order }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const deliver = useStep(
    order.id,
    async (v: { note: string }) => {
      const ids: number[] = [];
      for (const f of fileOf(files)) ids.push((await uploadOrderFile(order.id, 'deliverable', f as File)).id);
      return orderSteps.deliver(order.id, v.note, ids);
    },
    { form, fields: ['note'], rename: { note: 'note' }, onDone: () => setFiles([]) },
  );
  const [disputeForm] = Form.useForm<{ reason: string }>();
  const [disputing, setDisputing] = useState(false);
  const dispute = useStep(order.id, (v: { reason: string }) => orderSteps.dispute(order.id, v.reason), {
    form: disputeForm,
    fields: ['reason'],
    onDone: () => setDisputing(false),
  });
  const accept = useStep(order.id, () => orderSteps.accept(order.id));
  if (!order.deliverables.length && !order.can.deliver) return null;
  return (
    <Card size="small" title={title(t('ord.deliver.title'))} data-testid="delivery-section">
      {order.deliverables.length === 0 && <p className="kft-meta">{t('ord.deliver.none')}</p>}
      {order.deliverables.map((d) => (
        <div key={d.id} data-testid="deliverable" style={{ marginBottom: 8 }}>
          <strong>{t('ord.deliver.round', { n: d.round })}</strong> <span className="kft-meta">{fmtDateTime(d.createdAt)}</span>
          <p style={{ margin: '4px 0', whiteSpace: 'pre-wrap' }}>{d.note}</p>
          {d.files.map((f) => (
            <div key={f.id}>
              <a href={f.url}>{f.filename}</a>
            </div>
          ))}
        </div>
      ))}
      {order.can.deliver && (
        <Form form={form} layout="vertical" onFinish={(v) => deliver.mutate(v)} data-testid="deliver-form">
          <Errors errors={deliver.errors} />
          <Form.Item name="note" label={t('ord.deliver.note')}>
            <Input.TextArea rows={3} maxLength={5000} data-testid="deliver-note" />
          </Form.Item>
          <Form.Item label={t('ord.deliver.files')}>
            <Upload multiple fileList={files} beforeUpload={() => false} onChange={(i) => setFiles(i.fileList)}>
              <Button>{t('ord.deliver.addFile')}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={deliver.isPending} data-testid="deliver-submit">
            {t('ord.deliver.submit')}
          </Button>
        </Form>
      )}
      {(order.can.accept || order.can.dispute) && (
        <div style={{ marginTop: 12 }}>
          <Errors errors={accept.errors} />
          <Space wrap>
            {order.can.accept && (
              <Popconfirm title={t('ord.deliver.acceptAsk')} onConfirm={() => accept.mutate(undefined)}>
                <Button type="primary" loading={accept.isPending} data-testid="accept">
                  {t('ord.deliver.accept')}
                </Button>
              </Popconfirm>
            )}
            {order.can.dispute && (
              <Button danger onClick={() => setDisputing(true)} data-testid="dispute-open">
                {t('ord.deliver.dispute')}
              </Button>
            )}
          </Space>
          {disputing && (
            <Form form={disputeForm} layout="vertical" onFinish={(v) => dispute.mutate(v)} style={{ marginTop: 8 }}>
              <Errors errors={dispute.errors} />
              <Form.Item name="reason" label={t('ord.deliver.reason')}>
                <Input.TextArea rows={2} maxLength={1000} data-testid="dispute-reason" />
              </Form.Item>
              <Button danger htmlType="submit" loading={dispute.isPending} data-testid="dispute-submit">
                {t('ord.deliver.disputeSubmit')}
              </Button>
            </Form>
          )}
        </div>
      )}
    </Card>
  );
}

export function InvoicePaymentPanel({ order }: { order: Order }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ invoiceNo: string }>();
  const invoice = useStep(order.id, (v: { invoiceNo: string }) => orderSteps.invoice(order.id, v.invoiceNo), { form, fields: ['invoiceNo'] });
  const [proof, setProof] = useState<UploadFile[]>([]);
  const pay = useStep(
    order.id,
    async () => {
      const file = fileOf(proof)[0];
      const uploaded = await uploadOrderFile(order.id, 'payment_proof', file as File);
      return orderSteps.pay(order.id, uploaded.id);
    },
    { onDone: () => setProof([]) },
  );
  if (!order.can.invoice && !order.invoiceNo && !order.can.pay && !order.paidAt) return null;
  return (
    <Card size="small" title={title(`${t('ord.invoice.title')} · ${t('ord.pay.title')}`)} data-testid="payment-section">
      <p data-testid="invoice-no">
        {t('ord.invoice.number')}：{order.invoiceNo ?? t('ord.invoice.none')}
      </p>
      {order.can.invoice && (
        <Form form={form} layout="vertical" onFinish={(v) => invoice.mutate(v)}>
          <Errors errors={invoice.errors} />
          <Space wrap align="end">
            <Form.Item name="invoiceNo" label={t('ord.invoice.number')}>
              <Input maxLength={30} data-testid="invoice-input" />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={invoice.isPending} data-testid="invoice-submit">
                {t('ord.invoice.submit')}
              </Button>
            </Form.Item>
          </Space>
        </Form>
      )}
      <p>
        {order.paidAt ? t('ord.pay.paidAt', { at: fmtFull(order.paidAt) }) : t('ord.pay.none')}
        {order.paymentProof && (
          <>
            {' · '}
            <a href={order.paymentProof.url}>{order.paymentProof.filename}</a>
          </>
        )}
      </p>
      {order.can.pay && (
        <div>
          <Errors errors={pay.errors} />
          <Space wrap>
            <Upload maxCount={1} fileList={proof} beforeUpload={() => false} onChange={(i) => setProof(i.fileList)}>
              <Button>{t('ord.pay.choose')}</Button>
            </Upload>
            <Button type="primary" disabled={!proof.length} loading={pay.isPending} onClick={() => pay.mutate(undefined)} data-testid="pay-submit">
              {t('ord.pay.submit')}
            </Button>
          </Space>
        </div>
      )}
    </Card>
  );
}

export function RatingsPanel({ order }: { order: Order }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ rating: number; comment?: string }>();
  const rate = useStep(order.id, (v: { rating: number; comment?: string }) => orderSteps.rate(order.id, v.rating, v.comment), {
    form,
    fields: ['rating', 'comment'],
  });
  const { byBuyer, byProvider } = order.ratings;
  if (!byBuyer && !byProvider && !order.can.rate) return null;
  const show = (label: string, r: typeof byBuyer) => (
    <p>
      {label}：{r ? <Rate disabled value={r.rating} /> : t('ord.rate.none')} {r?.comment}
    </p>
  );
  return (
    <Card size="small" title={title(t('ord.rate.title'))} data-testid="ratings-section">
      {show(t('ord.rate.byBuyer'), byBuyer)}
      {show(t('ord.rate.byProvider'), byProvider)}
      {order.can.rate && (
        <Form form={form} layout="vertical" onFinish={(v) => rate.mutate(v)}>
          <Errors errors={rate.errors} />
          <Form.Item name="rating" label={t('ord.rate.score')}>
            <Rate />
          </Form.Item>
          <Form.Item name="comment" label={t('ord.rate.comment')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Button htmlType="submit" loading={rate.isPending} data-testid="rate-submit">
            {t('ord.rate.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

export function MessagesPanel({ order }: { order: Order }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const query = orderMessagesQuery(order.id);
  const { data } = useQuery(query);
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: () => orderSteps.message(order.id, body.trim()),
    onSuccess: (r) => {
      setBody('');
      qc.setQueryData(orderKeys.messages(order.id), r.items);
    },
  });
  return (
    <Card size="small" title={title(t('ord.messages.title'))} data-testid="messages-section">
      {data && data.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ord.messages.none')} />}
      <ol className="kft-thread" style={{ listStyle: 'none', padding: 0 }}>
        {data?.map((m) => (
          <li key={m.id} data-testid="order-message" data-side={m.side ?? ''} style={{ marginBottom: 8 }}>
            <div className="kft-meta">{[m.side ? t(`ord.messages.${m.side}`) : null, m.authorName, fmtDateTime(m.createdAt)].filter(Boolean).join(' · ')}</div>
            <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
          </li>
        ))}
      </ol>
      {order.can.message && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (body.trim()) send.mutate();
          }}
        >
          {send.error && <Alert type="error" showIcon role="alert" title={send.error.message} style={{ marginBottom: 8 }} />}
          <Input.TextArea
            rows={2}
            value={body}
            maxLength={5000}
            onChange={(e) => setBody(e.target.value)}
            placeholder={t('ord.messages.placeholder')}
            aria-label={t('ord.messages.title')}
            data-testid="message-input"
          />
          <Button htmlType="submit" type="primary" disabled={!body.trim()} loading={send.isPending} style={{ marginTop: 8 }} data-testid="message-send">
            {t('ord.messages.send')}
          </Button>
        </form>
      )}
    </Card>
  );
}

export function HistoryPanel({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { data } = useQuery(orderHistoryQuery(order.id));
  return (
    <Card size="small" title={title(t('ord.history.title'))} data-testid="history-section">
      <Timeline
        items={(data ?? []).map((h) => ({
          key: h.id,
          children: (
            <span>
              {t(`ord.action.${h.action}`, { defaultValue: h.action })}
              {h.after && typeof h.after.status === 'string' && ` → ${t(`ord.status.${h.after.status}`)}`}
              <span className="kft-meta">
                {' · '}
                {[h.actorName, fmtDateTime(h.at)].filter(Boolean).join(' · ')}
              </span>
            </span>
          ),
        }))}
      />
    </Card>
  );
}
