/** 方案: each scheme with its rules and its budget ledger bar; 新建方案 with the defaults shown. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Collapse, Empty, Form, Input, InputNumber, Modal, Radio, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { clearFieldErrors, showFieldErrors } from '../../../lib/formErrors';
import { toFen, yuan } from '../../../lib/time';
import { createScheme, EXCLUDED_KINDS, SCHEME_DEFAULTS, schemesQuery, updateScheme, voucherKeys, type Scheme, type SchemeBody } from '../api';
import { LedgerBar, StatusTag } from '../shared';

/** the rule in words starts a sentence: capitalized in English (Chinese has no case) */
const sentence = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);

const FIELDS = ['name', 'budgetFen', 'description', 'maxSharePct', 'yearlyCapFen', 'teamYearlyCapFen', 'validityMonths', 'excludedKinds', 'noticeDays'];
type Values = {
  name: string;
  budgetFen: number;
  description?: string;
  maxSharePct?: number;
  yearlyCapFen?: number;
  teamYearlyCapFen?: number;
  validityMonths?: number;
  excludedKinds: SchemeBody['excludedKinds'];
  noticeDays?: number;
};

function NewScheme({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string[]>([]);
  const send = useMutation({ mutationFn: createScheme });
  const f = (k: string) => t(`vc.field.${k}`);
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      onValuesChange={() => clearFieldErrors(form)}
      initialValues={{
        maxSharePct: SCHEME_DEFAULTS.maxSharePct,
        yearlyCapFen: SCHEME_DEFAULTS.yearlyCapFen / 100,
        teamYearlyCapFen: SCHEME_DEFAULTS.teamYearlyCapFen / 100,
        validityMonths: SCHEME_DEFAULTS.validityMonths,
        excludedKinds: SCHEME_DEFAULTS.excludedKinds,
        noticeDays: SCHEME_DEFAULTS.noticeDays,
      }}
      onFinish={async (v) => {
        setError([]);
        try {
          // amounts are typed in 元 under the server's field names (its errors land on them) and sent in fen
          const s = await send.mutateAsync({
            name: v.name ?? '',
            budgetFen: toFen(v.budgetFen) ?? 0,
            description: v.description || undefined,
            maxSharePct: v.maxSharePct ?? undefined,
            yearlyCapFen: toFen(v.yearlyCapFen) ?? undefined,
            teamYearlyCapFen: toFen(v.teamYearlyCapFen) ?? undefined,
            validityMonths: v.validityMonths ?? undefined,
            excludedKinds: v.excludedKinds ?? [],
            noticeDays: v.noticeDays ?? undefined,
          });
          message.success(`${t('vc.admin.created')}${t('vc.colon')}${s.name}`);
          form.resetFields();
          onDone();
        } catch (e) {
          setError(showFieldErrors(form, e, FIELDS));
        }
      }}
    >
      {error.length > 0 && <Alert type="error" showIcon role="alert" title={error.join('；')} style={{ marginBottom: 12 }} />}
      <Form.Item name="name" label={f('name')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="budgetFen" label={f('budgetYuan')}>
        <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <p className="kft-meta">{t('vc.admin.defaults')}</p>
      <div className="vc-grid">
        <Form.Item name="maxSharePct" label={f('maxSharePct')}>
          <InputNumber min={1} max={100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="validityMonths" label={f('validityMonths')}>
          <InputNumber min={1} max={36} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="yearlyCapFen" label={f('yearlyCapYuan')}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="teamYearlyCapFen" label={f('teamYearlyCapYuan')}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="noticeDays" label={f('noticeDays')}>
          <InputNumber min={1} max={60} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item name="excludedKinds" label={f('excludedKinds')}>
        <Checkbox.Group options={EXCLUDED_KINDS.map((k) => ({ value: k, label: t(`vc.excluded.${k}`) }))} />
      </Form.Item>
      <Form.Item name="description" label={f('description')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={send.isPending}>
        {t('vc.admin.create')}
      </Button>
    </Form>
  );
}

const EDIT_FIELDS = [...FIELDS, 'citySharePct', 'status', 'version'];

/** 修改方案: every rule and the budget (the server refuses a budget below what is committed, naming the field). */
function EditScheme({ scheme, onClose }: { scheme: Scheme; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values & { citySharePct: number; status: Scheme['status'] }>();
  const [error, setError] = useState<string[]>([]);
  const send = useMutation({ mutationFn: (b: Parameters<typeof updateScheme>[1]) => updateScheme(scheme.id, b) });
  const f = (k: string) => t(`vc.field.${k}`);
  const committed = scheme.ledger.budgetFen - scheme.ledger.availableFen;
  return (
    <Modal open title={t('vc.admin.editTitle', { name: scheme.name })} onCancel={onClose} footer={null} destroyOnHidden width={640}>
      {error.length > 0 && <Alert type="error" showIcon role="alert" title={error.join('；')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onValuesChange={() => clearFieldErrors(form)}
        initialValues={{
          name: scheme.name,
          budgetFen: scheme.ledger.budgetFen / 100,
          description: scheme.description ?? '',
          maxSharePct: scheme.maxSharePct,
          yearlyCapFen: scheme.yearlyCapFen / 100,
          teamYearlyCapFen: scheme.teamYearlyCapFen / 100,
          validityMonths: scheme.validityMonths,
          excludedKinds: scheme.excludedKinds,
          noticeDays: scheme.noticeDays,
          citySharePct: scheme.citySharePct,
          status: scheme.status,
        }}
        onFinish={async (v) => {
          setError([]);
          try {
            await send.mutateAsync({
              version: scheme.version,
              name: v.name ?? '',
              budgetFen: toFen(v.budgetFen) ?? 0,
              description: v.description ?? '',
              maxSharePct: v.maxSharePct ?? undefined,
              yearlyCapFen: toFen(v.yearlyCapFen) ?? undefined,
              teamYearlyCapFen: toFen(v.teamYearlyCapFen) ?? undefined,
              validityMonths: v.validityMonths ?? undefined,
              excludedKinds: v.excludedKinds ?? [],
              noticeDays: v.noticeDays ?? undefined,
              citySharePct: v.citySharePct ?? undefined,
              status: v.status,
            });
            message.success(t('vc.admin.saved'));
            await qc.invalidateQueries({ queryKey: voucherKeys.all });
            onClose();
          } catch (e) {
            setError(showFieldErrors(form, e, EDIT_FIELDS));
          }
        }}
      >
        <Form.Item name="name" label={f('name')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="budgetFen" label={f('budgetYuan')} extra={t('vc.admin.committed', { x: yuan(committed) })}>
          <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <div className="vc-grid">
          <Form.Item name="maxSharePct" label={f('maxSharePct')}>
            <InputNumber min={1} max={100} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="validityMonths" label={f('validityMonths')}>
            <InputNumber min={1} max={36} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="yearlyCapFen" label={f('yearlyCapYuan')}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="teamYearlyCapFen" label={f('teamYearlyCapYuan')}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="noticeDays" label={f('noticeDays')}>
            <InputNumber min={1} max={60} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="citySharePct" label={f('citySharePct')} extra={t('vc.admin.citySharePctHint')}>
            <InputNumber min={0} max={100} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="excludedKinds" label={f('excludedKinds')}>
          <Checkbox.Group options={EXCLUDED_KINDS.map((k) => ({ value: k, label: t(`vc.excluded.${k}`) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('vc.admin.schemeStatus')}>
          <Radio.Group options={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`vc.status.scheme.${s}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={f('description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Modal>
  );
}

export default function SchemesTab({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const schemes = useQuery(schemesQuery);
  const [open, setOpen] = useState<string[]>([]);
  const [editing, setEditing] = useState<Scheme | null>(null);
  return (
    <div>
      {canCreate && (
        <Collapse
          activeKey={open}
          onChange={(k) => setOpen(k as string[])}
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'new',
              label: t('vc.admin.newScheme'),
              children: (
                <NewScheme
                  onDone={() => {
                    setOpen([]);
                    void qc.invalidateQueries({ queryKey: voucherKeys.all });
                  }}
                />
              ),
            },
          ]}
        />
      )}
      {schemes.error && <Alert type="error" showIcon role="alert" title={schemes.error.message} />}
      {schemes.isPending && <Spin />}
      {schemes.data?.length === 0 && <Empty description={t('vc.admin.noSchemes')} />}
      <div className="vc-grid">
        {schemes.data?.map((s) => (
          <Card key={s.id} size="small" data-testid="scheme-card" data-scheme={s.name}>
            <div className="kft-title-row">
              <h3 style={{ margin: 0, fontSize: 15 }}>{s.name}</h3>
              <span className="vc-title-actions">
                <StatusTag kind="scheme" status={s.status} />
                {s.can.edit && (
                  <Button size="small" onClick={() => setEditing(s)} aria-label={`${t('vc.admin.editScheme')} ${s.name}`}>
                    {t('vc.admin.editScheme')}
                  </Button>
                )}
              </span>
            </div>
            <p className="kft-meta" style={{ margin: '4px 0' }}>
              {t('vc.admin.rules', { pct: s.maxSharePct, cap: yuan(s.yearlyCapFen), months: s.validityMonths, days: s.noticeDays })} ·{' '}
              {t('vc.admin.voucherCount', { n: s.voucherCount })} · {t('vc.admin.split', { city: s.citySharePct, district: 100 - s.citySharePct })}
            </p>
            {s.eligibilityText.length > 0 && <p style={{ margin: '4px 0' }}>{sentence(s.eligibilityText.join(' / '))}</p>}
            <LedgerBar ledger={s.ledger} />
          </Card>
        ))}
      </div>
      {editing && <EditScheme scheme={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
