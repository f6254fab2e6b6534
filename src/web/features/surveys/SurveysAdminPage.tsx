/**
 * 统计调查 for the offices: the rounds (launch one over a population of the directory, counts by state), the report
 * forms (every version; upload an XLSForm, download one to change in Excel) and the review queue of the office's
 * district. The server decides every permission again.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Result, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { canManage, useAuth, useNames, useTitle } from '../../shell/context';
import { ApiError } from '../../api/client';
import { clearFieldErrors, showFieldErrors } from '../../lib/formErrors';
import {
  FREQUENCIES,
  filingsQuery,
  formsQuery,
  launchRound,
  roundsQuery,
  surveyKeys,
  uploadForm,
  type Frequency,
  type RoundBody,
  type SurveyRound,
} from './api';

type Kind = NonNullable<NonNullable<RoundBody['population']>['kinds']>[number];
const KINDS = [
  'service_provider',
  'enterprise',
  'university',
  'research_institute',
  'financial_institution',
  'government_office',
  'incubator',
] as const satisfies readonly Kind[];

export function Counts({ c }: { c: SurveyRound['counts'] }) {
  const { t } = useTranslation();
  return <span className="kft-meta">{t('svy.counts', c)}</span>;
}

export default function SurveysAdminPage() {
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  useTitle(t('svy.adminTitle'));
  const [tab, setTab] = useState('rounds');
  if (!ready) return null;
  if (!canManage(user)) return <Result status="403" title="403" subTitle={t('form.forbidden')} />;
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('svy.adminTitle')}
      </Typography.Title>
      <Typography.Paragraph className="kft-meta">{t('svy.adminHelp')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'rounds', label: t('svy.tabRounds'), children: <Rounds /> },
          { key: 'forms', label: t('svy.tabForms'), children: <Forms /> },
          { key: 'review', label: t('svy.tabReview'), children: <ReviewQueue /> },
        ]}
      />
    </div>
  );
}

function Rounds() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const rounds = useQuery(roundsQuery);
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setOpen(true)} data-testid="launch-round">
          {t('svy.launch')}
        </Button>
      </Space>
      {rounds.error && <Alert type="error" message={rounds.error.message} />}
      <Table
        rowKey="id"
        size="small"
        loading={rounds.isLoading}
        dataSource={rounds.data ?? []}
        pagination={false}
        locale={{ emptyText: t('svy.noRounds') }}
        columns={[
          {
            title: t('svy.title'),
            key: 'title',
            render: (_, r) => <Link to={`/admin/surveys/rounds/${r.id}`}>{en ? r.titleEn : r.titleZh}</Link>,
          },
          { title: t('svy.period'), dataIndex: 'period', render: (p, r) => `${p} · ${t(`svy.freq.${r.frequency}`)}` },
          {
            title: t('svy.deadline'),
            dataIndex: 'deadline',
            render: (d, r) => (
              <Space size={4}>
                {d}
                {r.overdue && <Tag color="warning">{t('svy.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('svy.progress'), key: 'counts', render: (_, r) => <Counts c={r.counts} /> },
        ]}
      />
      <LaunchModal open={open} onClose={() => setOpen(false)} />
    </div>
  );
}

interface LaunchValues {
  formId: number;
  titleZh: string;
  frequency: Frequency;
  period: string;
  deadline: { format(f: string): string };
  kinds?: Kind[];
  categories?: string[];
  districts?: string[];
}

function LaunchModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const { user } = useAuth();
  const names = useNames();
  const qc = useQueryClient();
  const forms = useQuery(formsQuery);
  const [form] = Form.useForm<LaunchValues>();
  const [other, setOther] = useState<string[]>([]);
  const frequency = Form.useWatch('frequency', form) ?? 'annual';
  const launch = useMutation({
    mutationFn: (v: LaunchValues) =>
      launchRound({
        formId: v.formId,
        titleZh: v.titleZh,
        frequency: v.frequency,
        period: v.period,
        deadline: v.deadline.format('YYYY-MM-DD'),
        population: { kinds: v.kinds ?? [], categories: v.categories ?? [], districts: v.districts ?? [] },
      }),
    onSuccess: (r) => {
      message.success(t('svy.launched', { n: r.counts.total }));
      qc.invalidateQueries({ queryKey: surveyKeys.all });
      form.resetFields();
      onClose();
    },
    onError: (e) => setOther(showFieldErrors(form, e, ['formId', 'titleZh', 'frequency', 'period', 'deadline', 'population'])),
  });
  // the newest version of each form code first
  const latest = (forms.data ?? []).filter((f, i, all) => all.findIndex((x) => x.code === f.code) === i);
  return (
    <Modal
      open={open}
      title={t('svy.launchTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('svy.launch')}
      confirmLoading={launch.isPending}
      destroyOnHidden
    >
      {other.length > 0 && <Alert type="error" message={other.join(' ')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ frequency: 'annual' }}
        onValuesChange={() => clearFieldErrors(form)}
        onFinish={(v) => {
          setOther([]);
          launch.mutate(v);
        }}
      >
        <Form.Item name="formId" label={t('svy.form')} rules={[{ required: true, message: t('svy.required') }]}>
          <Select
            placeholder={t('svy.choose')}
            options={latest.map((f) => ({ value: f.id, label: `${en ? f.titleEn : f.titleZh} · ${t('svy.version')} ${f.version}` }))}
          />
        </Form.Item>
        <Form.Item name="titleZh" label={t('svy.title')} rules={[{ required: true, message: t('svy.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="frequency" label={t('svy.frequency')}>
            <Select style={{ width: 120 }} options={FREQUENCIES.map((f) => ({ value: f, label: t(`svy.freq.${f}`) }))} />
          </Form.Item>
          <Form.Item name="period" label={t('svy.period')} rules={[{ required: true, message: t('svy.required') }]} extra={t(`svy.periodHelp.${frequency}`)}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="deadline" label={t('svy.deadline')} rules={[{ required: true, message: t('svy.required') }]}>
            <DatePicker />
          </Form.Item>
        </Space>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('svy.population')}
        </Typography.Title>
        <Form.Item name="kinds" label={t('svy.kinds')}>
          <Select mode="multiple" allowClear options={KINDS.map((k) => ({ value: k, label: names.kind(k) }))} />
        </Form.Item>
        <Form.Item name="categories" label={t('svy.categories')}>
          <Select mode="multiple" allowClear options={(names.ref?.categories ?? []).map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))} />
        </Form.Item>
        {user?.role === 'admin' ? (
          <Form.Item name="districts" label={t('svy.districts')}>
            <Select
              mode="multiple"
              allowClear
              optionFilterProp="label"
              options={names.currentDivisions.map((d) => ({ value: d.code, label: names.district(d.code) }))}
            />
          </Form.Item>
        ) : (
          <Typography.Paragraph className="kft-meta">{t('svy.ownDistrict')}</Typography.Paragraph>
        )}
      </Form>
    </Modal>
  );
}

function Forms() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const qc = useQueryClient();
  const { message } = App.useApp();
  const forms = useQuery(formsQuery);
  const [problems, setProblems] = useState<string[] | null>(null);
  const upload = useMutation({
    mutationFn: uploadForm,
    onSuccess: (f) => {
      setProblems(null);
      message.success(t('svy.uploaded', { code: f.code, version: f.version }));
      qc.invalidateQueries({ queryKey: surveyKeys.all });
    },
    onError: (e) => setProblems(e instanceof ApiError && e.fields.length ? e.fields.map((f) => f.message) : [e.message]),
  });
  return (
    <div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text className="kft-meta">{t('svy.uploadHelp')}</Typography.Text>
          <Upload
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              upload.mutate(f);
              return false;
            }}
          >
            <Button loading={upload.isPending} data-testid="upload-form">
              {t('svy.upload')}
            </Button>
          </Upload>
          {problems && (
            <Alert
              type="error"
              data-testid="upload-problems"
              message={t('svy.uploadFailed')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          )}
        </Space>
      </Card>
      <Table
        rowKey="id"
        size="small"
        loading={forms.isLoading}
        dataSource={forms.data ?? []}
        pagination={false}
        columns={[
          { title: t('svy.form'), key: 'title', render: (_, f) => `${en ? f.titleEn : f.titleZh}（${f.code}）` },
          { title: t('svy.version'), dataIndex: 'version' },
          { title: '', key: 'fields', render: (_, f) => t('svy.fields', { n: f.fields.length }) },
          { title: '', key: 'origin', render: (_, f) => <Tag>{t(`svy.origin.${f.origin}`)}</Tag> },
          {
            title: '',
            key: 'download',
            render: (_, f) => (
              <a href={`/api/v1/survey-forms/${f.id}/xlsform`} download>
                {t('svy.download')}
              </a>
            ),
          },
        ]}
      />
    </div>
  );
}

function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const names = useNames();
  const queue = useQuery(filingsQuery({ status: 'submitted' }));
  return (
    <Table
      rowKey="id"
      size="small"
      loading={queue.isLoading}
      dataSource={queue.data?.items ?? []}
      pagination={false}
      locale={{ emptyText: t('svy.noQueue') }}
      columns={[
        { title: t('svy.org'), dataIndex: 'orgName' },
        { title: t('svy.district'), dataIndex: 'districtCode', render: (d) => names.district(d) },
        { title: t('svy.title'), key: 'round', render: (_, f) => `${en ? f.round.titleEn : f.round.titleZh}（${f.round.period}）` },
        {
          title: '',
          key: 'open',
          render: (_, f) => (
            <Link to={`/surveys/filings/${f.id}`} data-testid={`review-${f.id}`}>
              {t('svy.reviewOpen')}
            </Link>
          ),
        },
      ]}
    />
  );
}
