import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Progress, Result, Space, Spin, Statistic, Table, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { importJobQuery, importKeys, recentImportsQuery, refusedImportJob, startImport, type ImportJob, type ImportJobSummary } from './api';
import { canManage, useAuth, useTitle } from '../../shell/context';
import { fmtStamp } from '../../lib/time';

/** The file chosen most recently, kept while the user moves between /workbench/import URLs. */
let lastFile: File | null = null;

const failureText = (f: ImportJob['failure']) => (f ? f.message || f.code : '');

/** Date and time, which may wrap between them on a narrow screen but never inside the date. */
function StampCell({ at }: { at: string }) {
  const [date, time] = fmtStamp(at).split(' ');
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }}>{date}</span> <span>{time}</span>
    </>
  );
}

export default function ImportPage() {
  const { jobId } = useParams();
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  useTitle(t('imp.title'));
  const [file, setFile] = useState<File | null>(lastFile);
  const qc = useQueryClient();
  const manage = canManage(user);
  // a refused upload's message, with the job it concerns (shown while that job, or no job, is in the URL)
  const [runError, setRunError] = useState<{ job: string | null; message: string } | null>(null);

  // the job in the URL, asked again every second while it runs
  const jobQuery = useQuery({ ...importJobQuery(jobId ?? ''), enabled: !!jobId && manage });
  const job = jobId && manage ? (jobQuery.data ?? null) : null;
  const error = (runError && runError.job === (jobId ?? null) ? runError.message : null) ?? jobQuery.error?.message ?? null;
  const recent = useQuery({ ...recentImportsQuery, enabled: manage }).data ?? [];

  // the recent imports again whenever a job starts (a new id) or changes state: a dry run followed by the real
  // import are both "done", so the status alone would not show the second
  const jobState = job ? `${job.id} ${job.status}` : null;
  useEffect(() => {
    if (jobState) void qc.invalidateQueries({ queryKey: importKeys.recent });
  }, [qc, jobState]);

  const shown = (j: ImportJob) => {
    qc.setQueryData(importKeys.job(j.id), j);
    navigate(`/workbench/import/${j.id}`);
  };
  const start = useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => startImport(file, dryRun),
    onSuccess: shown,
    onError: (err) => {
      // a refused import may still carry its job (the report of what was wrong)
      const j = refusedImportJob(err);
      if (j) shown(j);
      setRunError({ job: j?.id ?? jobId ?? null, message: err.message });
    },
  });
  const busy = start.isPending;

  function run(dryRun: boolean) {
    if (!file) {
      message.warning(dryRun ? t('imp.noFile') : t('imp.reselect'));
      return;
    }
    setRunError(null);
    start.mutate({ file, dryRun });
  }

  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!canManage(user))
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('form.forbidden')}
        extra={<Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</Link>}
      />
    );

  const fileList: UploadFile[] = file ? [{ uid: '1', name: file.name, status: 'done', size: file.size }] : [];
  const pct = job?.totalRows ? Math.floor((job.processedRows / job.totalRows) * 100) : 0;

  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('imp.title')}
      </Typography.Title>
      <Typography.Paragraph className="kft-meta">{t('imp.help')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 12 }}>
        <div style={{ marginBottom: 12 }}>
          <Space wrap>
            <span>{t('imp.template')}：</span>
            <a href="/api/v1/orgs/import/template?format=xlsx" download>
              {t('imp.templateXlsx')}
            </a>
            <a href="/api/v1/orgs/import/template?format=csv" download>
              {t('imp.templateCsv')}
            </a>
          </Space>
        </div>
        <Space wrap align="start">
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => {
              lastFile = f;
              setFile(f);
              return false;
            }}
            onRemove={() => {
              lastFile = null;
              setFile(null);
            }}
          >
            <Button aria-label={t('imp.fileLabel')}>{t('imp.choose')}</Button>
          </Upload>
          <Button type="primary" onClick={() => run(true)} loading={busy} disabled={!file} data-testid="dry-run">
            {t('imp.dryRun')}
          </Button>
        </Space>
      </Card>

      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}

      {job && (
        <Card
          size="small"
          style={{ marginBottom: 12 }}
          data-testid="job"
          title={
            <Space wrap>
              <span>{job.dryRun ? t('imp.dry') : t('imp.real')}</span>
              <span className="kft-meta">{job.filename}</span>
              <span className="kft-meta">{t('imp.jobId', { id: job.id })}</span>
            </Space>
          }
        >
          {job.status === 'running' && (
            <div data-testid="progress">
              <div>
                {t('imp.running')} {job.processedRows} / {job.totalRows || '?'}
              </div>
              <Progress percent={pct} status="active" aria-label={t('imp.running')} />
            </div>
          )}
          {job.status === 'failed' && <Alert type="error" showIcon title={t('imp.failed', { reason: failureText(job.failure) })} />}
          {job.status === 'done' && (
            <>
              <Space wrap size="large" style={{ marginBottom: 12 }}>
                <Statistic title={t('imp.totalRows')} value={job.totalRows} />
                <Statistic title={t('imp.valid')} value={job.okRows} styles={{ content: { color: '#237804' } }} />
                <Statistic title={t('imp.invalid')} value={job.errorRows} styles={{ content: { color: job.errorRows ? '#a8071a' : undefined } }} />
                {!job.dryRun && <Statistic title={t('imp.created')} value={job.createdRows} />}
              </Space>
              <p data-testid="summary">
                <strong>{t('imp.summary', { total: job.totalRows, ok: job.okRows, bad: job.errorRows })}</strong>
              </p>
              {!job.dryRun && (
                <Alert type="success" showIcon title={t('imp.done', { count: job.createdRows })} data-testid="import-done" style={{ marginBottom: 12 }} />
              )}
              {job.errors.length > 0 ? (
                <>
                  <Typography.Title level={2} style={{ fontSize: 16 }}>
                    {t('imp.badRows')}
                  </Typography.Title>
                  <div className="kft-table-wrap">
                    <Table
                      size="small"
                      rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                      dataSource={job.errors}
                      pagination={{ pageSize: 50, hideOnSinglePage: true }}
                      data-testid="errors"
                      columns={[
                        { title: t('imp.row'), dataIndex: 'row', width: 70 },
                        { title: t('imp.column'), dataIndex: 'column', width: 140 },
                        { title: t('imp.value'), dataIndex: 'value', width: 200, render: (v: string) => <code style={{ wordBreak: 'break-all' }}>{v}</code> },
                        { title: t('imp.reason'), dataIndex: 'message' },
                      ]}
                    />
                  </div>
                </>
              ) : (
                <Alert type="success" title={t('imp.allGood')} style={{ marginBottom: 12 }} />
              )}
              {job.dryRun && job.okRows > 0 && (
                <div style={{ marginTop: 12 }}>
                  {!file && <Alert type="info" title={t('imp.reselect')} style={{ marginBottom: 8 }} />}
                  <Button type="primary" onClick={() => run(false)} loading={busy} disabled={!file} data-testid="commit">
                    {t('imp.commit', { count: job.okRows })}
                  </Button>
                </div>
              )}
            </>
          )}
        </Card>
      )}

      <Card size="small" title={<h2 style={{ fontSize: 15, margin: 0 }}>{t('imp.recent')}</h2>}>
        <div className="kft-table-wrap">
          <Table
            size="small"
            rowKey="id"
            dataSource={recent}
            data-testid="recent-imports"
            locale={{ emptyText: <span className="kft-meta">—</span> }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('common.beijingTime', { x: t('imp.time') }), dataIndex: 'createdAt', render: (v: string) => <StampCell at={v} /> },
              { title: t('imp.file'), dataIndex: 'filename', render: (v: string, r: ImportJobSummary) => <Link to={`/workbench/import/${r.id}`}>{v}</Link> },
              { title: t('imp.mode'), dataIndex: 'dryRun', render: (v: boolean) => (v ? t('imp.dry') : t('imp.real')), responsive: ['sm'] },
              {
                title: t('imp.status'),
                dataIndex: 'status',
                render: (v: ImportJobSummary['status']) => <Tag color={v === 'done' ? 'green' : v === 'failed' ? 'red' : 'blue'}>{t(`imp.statuses.${v}`)}</Tag>,
              },
              { title: t('imp.summaryCol'), render: (_: unknown, r: ImportJobSummary) => `${r.okRows}/${r.totalRows}${r.dryRun ? '' : ` → ${r.createdRows}`}` },
            ]}
          />
        </div>
      </Card>
    </div>
  );
}
