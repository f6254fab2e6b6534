/** 合同文本: the signed contract as PDF — the link for everyone who reads the contract, the upload for the seller. */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Contract, contractKeys } from '../api';
import { uploadContractDocument } from '../lifecycle-api';

const kb = (n: number) => (n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

export function DocumentCard({ c }: { c: Contract }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (file: File) => uploadContractDocument(c.id, file),
    onSuccess: (next) => {
      qc.setQueryData(contractKeys.one(c.id), next);
      setError(null);
    },
    onError: (e) => setError(e.message),
  });
  if (!c.document && !c.can.attachDocument) return null;
  return (
    <Card size="small" title={t('ctl.document.title')} style={{ marginBottom: 12 }} data-testid="contract-document">
      <Space direction="vertical" style={{ width: '100%' }}>
        {c.document ? (
          <a href={c.document.url} data-testid="contract-document-link">
            {t('ctl.document.file', { name: c.document.filename, size: kb(c.document.size) })}
          </a>
        ) : (
          <Alert type="info" showIcon title={t('ctl.document.required')} />
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="contract-document-error" />}
        {c.can.attachDocument && (
          <Upload
            accept="application/pdf,.pdf"
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button loading={upload.isPending} data-testid="contract-document-upload">
              {c.document ? t('ctl.document.replace') : t('ctl.document.upload')}
            </Button>
          </Upload>
        )}
        <span className="kft-meta">{t('ctl.document.note')}</span>
      </Space>
    </Card>
  );
}
