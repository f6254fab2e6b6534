/**
 * 统计监测: every indicator of the documents with its latest figure, where that figure came from (computed from the
 * platform's records, surveyed, entered), its targets and the progress to each, by scope (the city, the clusters,
 * the districts' own plans). Public: statistics are published. Offices enter the figures the platform cannot count.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Progress as Bar, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAuth, useNames, useTitle } from '../../shell/context';
import { clearFieldErrors, showFieldErrors } from '../../lib/formErrors';
import { enterValue, indicatorsQuery, statisticsKeys, type Indicator, type ProgressStatus } from './api';
import { useFigure } from './format';
import './statistics.css';

type ScopeKind = 'chongqing' | 'cluster' | 'district';
const kindOf = (scope: string): ScopeKind => (scope === 'chongqing' ? 'chongqing' : scope.startsWith('cluster:') ? 'cluster' : 'district');

const STATUS_COLOUR: Record<ProgressStatus, string> = {
  achieved: 'success',
  on_track: 'processing',
  behind: 'warning',
  missed: 'error',
  unknown: 'default',
  no_value: 'default',
};

/** Whether the signed-in office may enter this indicator's figure (the server decides again). */
function mayEnter(user: ReturnType<typeof useAuth>['user'], i: Indicator) {
  if (i.method === 'computed' || !user) return false;
  if (user.role === 'admin') return true;
  return user.role === 'district_admin' && i.scope === `district:${user.districtCode}`;
}

export default function StatisticsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const en = i18n.language === 'en';
  const figure = useFigure();
  const names = useNames();
  useTitle(t('stats14.title'));
  const place = (scope: string) =>
    scope.startsWith('district:')
      ? names.district(scope.slice('district:'.length))
      : scope.startsWith('cluster:')
        ? names.cluster(scope.slice('cluster:'.length))
        : '';
  const { data, error, isLoading } = useQuery(indicatorsQuery);
  const [kind, setKind] = useState<ScopeKind>('chongqing');
  const [entering, setEntering] = useState<Indicator | null>(null);

  const counts = useMemo(() => {
    const items = data ?? [];
    return {
      total: items.length,
      computed: items.filter((i) => i.method === 'computed').length,
      surveyed: items.filter((i) => i.method === 'surveyed').length,
      entered: items.filter((i) => i.method === 'entered').length,
    };
  }, [data]);
  const shown = (data ?? []).filter((i) => kindOf(i.scope) === kind);

  const columns: ColumnsType<Indicator> = [
    {
      title: t('stats14.indicator'),
      key: 'name',
      render: (_, i) => (
        <div>
          <Tooltip title={(en ? i.definitionEn : i.definitionZh) || undefined}>
            <span className="kft-ind-name">{en ? i.nameEn : i.nameZh}</span>
          </Tooltip>
          {kind !== 'chongqing' && <div className="kft-meta">{place(i.scope)}</div>}
        </div>
      ),
    },
    {
      title: t('stats14.latest'),
      key: 'latest',
      render: (_, i) =>
        i.latest ? (
          <div data-testid="indicator-latest">
            <strong>{figure(i.latest.value, i.unit)}</strong>
            <div className="kft-meta">
              {t('stats14.period', { period: i.latest.period })} ·{' '}
              <Tag bordered={false} color={i.latest.origin === 'computed' ? 'blue' : undefined}>
                {t(`stats14.origins.${i.latest.origin}`)}
              </Tag>
            </div>
          </div>
        ) : (
          <span className="kft-meta">{t('stats14.noValue')}</span>
        ),
    },
    {
      title: t('stats14.target'),
      key: 'target',
      render: (_, i) => i.targets.map((x) => <div key={x.year}>{t('stats14.yearValue', { year: x.year, value: figure(x.value, i.unit) })}</div>),
    },
    {
      title: t('stats14.progress'),
      key: 'progress',
      width: 220,
      render: (_, i) =>
        i.progress.map((p) => (
          <div key={p.year} className="kft-ind-progress" data-testid="indicator-progress" data-status={p.status}>
            {p.percent !== null && (
              <Bar percent={Math.min(100, p.percent)} format={() => `${p.percent}%`} size="small" status={p.status === 'missed' ? 'exception' : undefined} />
            )}
            <Tag color={STATUS_COLOUR[p.status]} bordered={false}>
              {t(`stats14.status.${p.status}`)}
            </Tag>
            {p.expected !== null && p.status !== 'achieved' && p.status !== 'missed' && (
              <span className="kft-meta">{t('stats14.expected', { value: figure(p.expected, i.unit) })}</span>
            )}
          </div>
        )),
    },
    {
      title: t('stats14.baseline'),
      key: 'baseline',
      responsive: ['lg'],
      render: (_, i) => i.baselines.map((b) => <div key={b.year}>{t('stats14.yearValue', { year: b.year, value: figure(b.value, i.unit) })}</div>),
    },
    {
      title: t('stats14.source'),
      key: 'source',
      responsive: ['xl'],
      render: (_, i) => (i.source ? t('stats14.doc', { code: i.source }) : null),
    },
    {
      key: 'actions',
      render: (_, i) => (
        <>
          {i.records && <Link to={i.records}>{t('stats14.records')}</Link>}
          {mayEnter(user, i) && (
            <Button size="small" onClick={() => setEntering(i)}>
              {t('stats14.enter')}
            </Button>
          )}
        </>
      ),
    },
  ];

  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('stats14.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('stats14.lead')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={String((error as Error).message)} />}
      <div className="kft-toolbar">
        <Segmented<ScopeKind>
          aria-label={t('stats14.scope')}
          value={kind}
          onChange={setKind}
          options={(['chongqing', 'cluster', 'district'] as const).map((k) => ({ value: k, label: t(`stats14.scopes.${k}`) }))}
        />
        <span className="kft-meta" data-testid="indicator-summary">
          {data ? t('stats14.summary', counts) : ''}
        </span>
      </div>
      <Table<Indicator>
        rowKey="id"
        data-testid="indicators"
        loading={isLoading}
        columns={columns}
        dataSource={shown}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
      />
      {entering && <EnterValue indicator={entering} onClose={() => setEntering(null)} />}
    </div>
  );
}

function EnterValue({ indicator, onClose }: { indicator: Indicator; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ period: string; value: number; note?: string }>();
  const [other, setOther] = useState<string[]>([]);
  const name = i18n.language === 'en' ? indicator.nameEn : indicator.nameZh;
  const save = useMutation({
    mutationFn: (v: { period: string; value: number; note?: string }) =>
      enterValue(indicator.id, { period: v.period.trim(), value: v.value, note: v.note || null }),
    onSuccess: (_, v) => {
      void qc.invalidateQueries({ queryKey: statisticsKeys.indicators });
      void message.success(t('stats14.saved', { name, period: v.period }));
      onClose();
    },
    onError: (e) => setOther(showFieldErrors(form, e, ['period', 'value', 'note'])),
  });
  return (
    <Modal
      open
      title={t('stats14.enterTitle', { name })}
      okText={t('stats14.save')}
      cancelText={t('stats14.cancel')}
      confirmLoading={save.isPending}
      onOk={() => {
        clearFieldErrors(form);
        setOther([]);
        void form.validateFields().then((v) => save.mutate(v));
      }}
      onCancel={onClose}
    >
      {other.length > 0 && <Alert type="error" showIcon title={other.join(' ')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item
          name="period"
          label={t('stats14.enterPeriod')}
          extra={t('stats14.enterPeriodHelp')}
          rules={[{ required: true, message: t('stats14.required', { label: t('stats14.enterPeriod') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('stats14.enterValue')}
          rules={[{ required: true, message: t('stats14.required', { label: t('stats14.enterValue') }) }]}
        >
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('stats14.enterNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
