/** The audit trail's filters: event types (by their names), outcome, actor, a date range (Beijing days). */
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { auditTypesQuery, OUTCOMES, type AuditFilters as Filters } from '../api';

export default function AuditFilters({ onChange }: { onChange: (f: Filters) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Filters>();
  const types = useQuery(auditTypesQuery).data ?? [];
  const apply = (v: Filters) =>
    onChange({
      type: v.type?.length ? v.type : undefined,
      outcome: v.outcome || undefined,
      actor: v.actor?.trim() || undefined,
      from: v.from || undefined,
      to: v.to || undefined,
    });
  return (
    <Form form={form} layout="inline" onFinish={apply} className="kft-audit-filters" role="search" aria-label={t('common.filters')} data-testid="audit-filters">
      <Form.Item name="type" label={t('audit.type')}>
        <Select
          mode="multiple"
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('common.all')}
          style={{ minWidth: 220, maxWidth: 420 }}
          options={types.map((x) => ({ value: x.type, label: x.label }))}
          data-testid="audit-type"
        />
      </Form.Item>
      <Form.Item name="outcome" label={t('audit.outcome')}>
        <Select
          allowClear
          placeholder={t('common.all')}
          style={{ width: 110 }}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`audit.outcomes.${o}`) }))}
        />
      </Form.Item>
      <Form.Item name="actor" label={t('audit.actor')}>
        <Input allowClear placeholder={t('audit.actorHint')} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="from" label={t('audit.from')}>
        <Input type="date" style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="to" label={t('audit.to')}>
        <Input type="date" style={{ width: 150 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" data-testid="audit-apply">
        {t('common.search')}
      </Button>
      <Button
        onClick={() => {
          form.resetFields();
          apply({});
        }}
      >
        {t('common.clearFilters')}
      </Button>
    </Form>
  );
}
