/**
 * 下载模板 / 批量导入 on a round's page (offices): the template of the organizations the office may file for, and
 * the filled file back — all rows filed, or none, with every refusal listed by its cell.
 */
import { Alert, App, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { bulkFile, surveyKeys } from '../api';

interface Problem {
  path: string;
  message: string;
}

export function BulkFilingPanel({ roundId }: { roundId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [failure, setFailure] = useState<{ message: string; problems: Problem[] } | null>(null);
  const [filed, setFiled] = useState<number | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => bulkFile(roundId, f),
    onSuccess: (r) => {
      setFailure(null);
      setFiled(r.filed);
      message.success(t('svy.bulkDone', { n: r.filed }));
      qc.invalidateQueries({ queryKey: surveyKeys.all });
    },
    onError: (e) => {
      setFiled(null);
      setFailure({
        message: e.message,
        problems: e instanceof ApiError ? e.fields.map((f) => ({ path: f.path, message: f.message })) : [],
      });
    },
  });
  return (
    <Card size="small" title={t('svy.bulkTitle')} style={{ marginBottom: 12 }} data-testid="bulk-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text className="kft-meta">{t('svy.bulkHelp')}</Typography.Text>
        <Space wrap>
          <Button href={`/api/v1/survey-rounds/${roundId}/bulk-template`} download data-testid="bulk-template">
            {t('svy.bulkDownload')}
          </Button>
          <Upload
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              upload.mutate(f);
              return false;
            }}
          >
            <Button type="primary" loading={upload.isPending} data-testid="bulk-upload">
              {t('svy.bulkUpload')}
            </Button>
          </Upload>
        </Space>
        {filed !== null && <Alert type="success" showIcon data-testid="bulk-done" message={t('svy.bulkDone', { n: filed })} />}
        {failure && (
          <Alert
            type="error"
            showIcon
            data-testid="bulk-problems"
            message={t('svy.bulkFailed')}
            description={
              <Space direction="vertical" style={{ width: '100%' }}>
                <span>{failure.message}</span>
                {failure.problems.length > 0 && (
                  <Table
                    rowKey={(p) => `${p.path}|${p.message}`}
                    size="small"
                    dataSource={failure.problems}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    columns={[
                      { title: t('svy.bulkCell'), dataIndex: 'path', width: 110, render: (p: string) => <code data-testid="bulk-cell">{p}</code> },
                      { title: t('svy.bulkProblem'), dataIndex: 'message' },
                    ]}
                  />
                )}
              </Space>
            }
          />
        )}
      </Space>
    </Card>
  );
}
