/** The signing secret, shown once (after creating a subscription or rotating its secret), with a copy button. */
import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export default function SecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  // unmounted when closed, so the secret leaves the page (a hidden modal would keep it in the DOM)
  if (!secret) return null;
  return (
    <Modal
      open
      title={t('wh.secretTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('wh.close')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('wh.secretHelp')} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: secret, tooltips: [t('wh.copy'), t('wh.copied')] }} code data-testid="webhook-secret">
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
