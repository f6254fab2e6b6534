/** "发起咨询" on an achievement, "提交方案" on a demand: a first message, then the deal thread. */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

import { startDeal, type Deal } from '../api';

export default function DealStarter({
  subject,
  kind,
  title,
}: {
  subject: { achievementId: number } | { demandId: number };
  kind: Deal['kind'];
  title: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const start = useMutation({
    mutationFn: () => startDeal(subject, text.trim()),
    onSuccess: (deal) => {
      message.success(t(`mk.deal.started.${kind}`));
      setOpen(false);
      navigate(`/deals/${deal.id}`);
    },
  });
  const err = start.error;
  const error = err ? (err.fields?.length ? err.fields.map((f) => f.message).join(t('common.msgSep')) : err.message) : null;
  const busy = start.isPending;
  const send = () => start.mutate();

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid={kind === 'inquiry' ? 'start-inquiry' : 'start-offer'}>
        {t(`mk.deal.start.${kind}`)}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        title={t(`mk.deal.dialog.${kind}`, { title })}
        okText={t('mk.deal.send')}
        cancelText={t('common.cancel')}
        onOk={send}
        confirmLoading={busy}
        okButtonProps={{ disabled: text.trim().length < 2, 'data-testid': 'deal-send' } as never}
        destroyOnHidden
      >
        <p className="kft-meta">{t(`mk.deal.help.${kind}`)}</p>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} role="alert" />}
        <Input.TextArea
          rows={5}
          maxLength={2000}
          showCount
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-label={t('mk.deal.message')}
          placeholder={t(`mk.deal.placeholder.${kind}`)}
          data-testid="deal-message"
        />
      </Modal>
    </>
  );
}
