/** 校验完整性 (city admins): walks the hash chain; 完整 with the count, or the first broken entry and why, in red. */
import { useMutation } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { verifyAudit } from '../api';

export default function VerifyChain() {
  const { t } = useTranslation();
  const check = useMutation({ mutationFn: verifyAudit });
  const r = check.data;
  return (
    <span className="kft-verify" data-testid="audit-verify">
      <Button onClick={() => check.mutate()} loading={check.isPending}>
        {t('audit.verify')}
      </Button>
      <span role="status" data-testid="verify-result" data-ok={r ? String(r.ok) : undefined}>
        {check.error && <Typography.Text type="danger">{check.error.message}</Typography.Text>}
        {r?.ok && <Typography.Text type="success">{t('audit.intact', { count: r.checked })}</Typography.Text>}
        {r && !r.ok && r.broken && (
          <Typography.Text type="danger">
            {t('audit.broken', { id: r.broken.id, reason: t(`audit.reasons.${r.broken.reason}`), count: r.checked })}
          </Typography.Text>
        )}
      </span>
    </span>
  );
}
