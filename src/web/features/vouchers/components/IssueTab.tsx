/** 直接发放: the office issues a voucher to an organization picked by search (eligibility, cap and budget checked by the server). */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { clearFieldErrors, showFieldErrors } from '../../../lib/formErrors';
import { toFen } from '../../../lib/time';
import { issueVoucher, schemesQuery, voucherKeys } from '../api';
import { OrgPicker } from '../shared';

export default function IssueTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const schemes = useQuery(schemesQuery);
  const [form] = Form.useForm<{ schemeId: number; holderOrgId: number; amountFen: number }>();
  const [error, setError] = useState<string[]>([]);
  const send = useMutation({ mutationFn: issueVoucher });
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      onValuesChange={() => clearFieldErrors(form)}
      onFinish={async (v) => {
        setError([]);
        try {
          const voucher = await send.mutateAsync({ schemeId: v.schemeId ?? 0, holderOrgId: v.holderOrgId ?? 0, amountFen: toFen(v.amountFen) ?? 0 });
          message.success(t('vc.admin.issued', { no: voucher.voucherNo }));
          form.resetFields();
          await qc.invalidateQueries({ queryKey: voucherKeys.all });
        } catch (e) {
          setError(showFieldErrors(form, e, ['schemeId', 'holderOrgId', 'amountFen']));
        }
      }}
    >
      {error.length > 0 && <Alert type="error" showIcon role="alert" title={error.join('；')} style={{ marginBottom: 12 }} data-testid="issue-error" />}
      <Form.Item name="schemeId" label={t('vc.field.scheme')}>
        <Select options={(schemes.data ?? []).filter((s) => s.status === 'open' && s.can.issue).map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item name="holderOrgId" label={t('vc.field.holderOrg')}>
        <OrgPicker />
      </Form.Item>
      <Form.Item name="amountFen" label={t('vc.field.amountYuan')}>
        <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={send.isPending}>
        {t('vc.admin.issueSubmit')}
      </Button>
    </Form>
  );
}
