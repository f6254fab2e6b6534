/** /contracts/new[?dealId=] — a draft from an agreed deal (prefilled), or of a deal made elsewhere. */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import { showFieldErrors } from '../../lib/formErrors';
import { createContract } from './api';

export default function NewContractPage() {
  const { t } = useTranslation();
  useTitle(t('ctr.newTitle'));
  const [sp] = useSearchParams();
  const navigate = useNavigate();
  const dealId = Number(sp.get('dealId')) || null;
  const [form] = Form.useForm<{ projectName: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: (projectName?: string) => createContract(dealId ? { dealId } : { projectName }),
    onSuccess: (c) => navigate(`/contracts/${c.id}`),
    onError: (e) => setErrors(showFieldErrors(form, e, ['projectName'])),
  });
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={1} className="kft-page-title">
        {t('ctr.newTitle')}
      </Typography.Title>
      {errors.map((e) => (
        <Alert key={e} type="error" showIcon title={e} style={{ marginBottom: 12 }} data-testid="contract-error" />
      ))}
      <Card>
        {dealId ? (
          <>
            <p>{t('ctr.fromDeal', { id: dealId })}</p>
            <Button type="primary" loading={create.isPending} onClick={() => create.mutate(undefined)} data-testid="contract-from-deal">
              {t('ctr.fromDealButton')}
            </Button>
          </>
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v.projectName)}>
            <p>{t('ctr.standaloneHelp')}</p>
            <Form.Item name="projectName" label={t('ctr.form.projectName')} rules={[{ required: true, message: t('ctr.form.projectName') }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('ctr.create')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
