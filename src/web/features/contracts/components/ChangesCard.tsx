/**
 * 变更与注销: on a registered (or cancelled) contract, the requests to amend or cancel it. The seller asks — an
 * amendment of the amounts, the validity or the project name, or a cancellation — with the reason; the station
 * approves or refuses with a reason. Each request shows what it asked and, once approved, what was there before.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { toFen, yuan } from '../../../lib/time';
import { type Contract, contractKeys } from '../api';
import { approveChange, type ChangeBody, changesKey, changesQuery, type ContractChange, rejectChange, requestChange } from '../lifecycle-api';

const MONEY = new Set(['amountFen', 'techAmountFen', 'equipmentFen', 'partsFen', 'materialsFen', 'newInvestmentFen', 'newOutputFen']);
const STATUS_COLOR = { pending: 'blue', approved: 'green', rejected: 'red' } as const;

function Fields({ values }: { values: Record<string, unknown> | null }) {
  const { t } = useTranslation();
  if (!values) return null;
  return (
    <span>
      {Object.entries(values)
        .map(([k, v]) => `${t(`ctl.changes.field.${k}`, { defaultValue: k })}：${MONEY.has(k) && typeof v === 'number' ? yuan(v) : String(v ?? '—')}`)
        .join('；')}
    </span>
  );
}

export function ChangesCard({ c }: { c: Contract }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery(changesQuery(c.id));
  const [kind, setKind] = useState<'amend' | 'cancel'>('amend');
  const [refusing, setRefusing] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string; amount?: number; techAmount?: number; validUntil?: string; projectName?: string }>();
  const settled = (next?: Contract) => {
    if (next) qc.setQueryData(contractKeys.one(c.id), next);
    else void qc.invalidateQueries({ queryKey: contractKeys.one(c.id) });
    void qc.invalidateQueries({ queryKey: changesKey(c.id) });
    setError(null);
  };
  const fail = (e: { message: string; fields: { message: string }[] }) => setError(e.fields.length ? e.fields.map((f) => f.message).join('；') : e.message);
  const ask = useMutation({
    mutationFn: (body: ChangeBody) => requestChange(c.id, body),
    onSuccess: () => {
      form.resetFields();
      settled();
    },
    onError: fail,
  });
  const decide = useMutation({
    mutationFn: (run: () => Promise<Contract>) => run(),
    onSuccess: (n) => {
      setRefusing(null);
      settled(n);
    },
    onError: fail,
  });
  const items = q.data?.items ?? [];
  if (!q.data || (!items.length && !q.data.canRequest)) return null;

  const submit = (v: { reason: string; amount?: number; techAmount?: number; validUntil?: string; projectName?: string }) => {
    const changes: NonNullable<ChangeBody['changes']> = {};
    if (v.amount != null) changes.amountFen = toFen(v.amount)!;
    if (v.techAmount != null) changes.techAmountFen = toFen(v.techAmount)!;
    if (v.validUntil) changes.validUntil = v.validUntil;
    if (v.projectName) changes.projectName = v.projectName;
    ask.mutate(kind === 'amend' ? { kind, reason: v.reason ?? '', changes } : { kind, reason: v.reason ?? '' });
  };

  return (
    <Card size="small" title={t('ctl.changes.title')} style={{ marginBottom: 12 }} data-testid="contract-changes">
      {c.status === 'cancelled' && <Alert type="warning" showIcon title={t('ctl.changes.cancelled')} style={{ marginBottom: 8 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="changes-error" />}
      {items.map((ch: ContractChange) => (
        <div key={ch.id} style={{ marginBottom: 8 }} data-testid="change-item" data-status={ch.status}>
          <Space wrap>
            <strong>{t(`ctl.changes.kind.${ch.kind}`)}</strong>
            <Tag color={STATUS_COLOR[ch.status]}>{t(`ctl.changes.status.${ch.status}`)}</Tag>
            <span className="kft-meta">{ch.reason}</span>
          </Space>
          {ch.changes && (
            <div>
              {t('ctl.changes.asked')}
              <Fields values={ch.changes} />
            </div>
          )}
          {ch.before && (
            <div className="kft-meta">
              {t('ctl.changes.before')}
              <Fields values={ch.before} />
            </div>
          )}
          {ch.decisionNote && <div className="kft-meta">{t('ctl.changes.refusedWith', { note: ch.decisionNote })}</div>}
          {ch.can.approve && (
            <Space wrap style={{ marginTop: 4 }}>
              <Button type="primary" size="small" onClick={() => decide.mutate(() => approveChange(c.id, ch.id))} data-testid="change-approve">
                {t('ctl.changes.approve')}
              </Button>
              {refusing === ch.id ? (
                <Space.Compact>
                  <Input
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                    placeholder={t('ctl.changes.refuseReason')}
                    aria-label={t('ctl.changes.refuseReason')}
                  />
                  <Button danger onClick={() => decide.mutate(() => rejectChange(c.id, ch.id, note))} data-testid="change-reject-send">
                    {t('ctl.changes.reject')}
                  </Button>
                </Space.Compact>
              ) : (
                <Button
                  danger
                  size="small"
                  onClick={() => {
                    setNote('');
                    setRefusing(ch.id);
                  }}
                  data-testid="change-reject"
                >
                  {t('ctl.changes.reject')}
                </Button>
              )}
            </Space>
          )}
        </div>
      ))}
      {q.data.canRequest && (
        <Form form={form} layout="vertical" onFinish={submit} data-testid="change-form">
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} style={{ marginBottom: 8 }}>
            <Radio value="amend">{t('ctl.changes.kind.amend')}</Radio>
            <Radio value="cancel">{t('ctl.changes.kind.cancel')}</Radio>
          </Radio.Group>
          {kind === 'amend' && (
            <Space wrap>
              <Form.Item name="amount" label={t('ctl.changes.field.amountFen')}>
                <InputNumber min={0} style={{ width: 180 }} placeholder={c.amountFen == null ? '' : String(c.amountFen / 100)} />
              </Form.Item>
              <Form.Item name="techAmount" label={t('ctl.changes.field.techAmountFen')}>
                <InputNumber min={0} style={{ width: 180 }} placeholder={c.techAmountFen == null ? '' : String(c.techAmountFen / 100)} />
              </Form.Item>
              <Form.Item name="validUntil" label={t('ctl.changes.field.validUntil')}>
                <Input type="date" style={{ width: 180 }} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="reason" label={t('ctl.changes.reason')}>
            <Input.TextArea rows={2} data-testid="change-reason" />
          </Form.Item>
          <Button htmlType="submit" loading={ask.isPending} data-testid="change-submit">
            {t('ctl.changes.send')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
