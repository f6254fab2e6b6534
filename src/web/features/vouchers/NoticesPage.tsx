/** /voucher-notices — 创新券兑付公示 (public): the claims in notice, and an objection form per claim. */
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import { clearFieldErrors, showFieldErrors } from '../../lib/formErrors';
import { fmtStampLabelled, yuan } from '../../lib/time';
import { noticesQuery, objectToClaim, type Notice, type ObjectionBody } from './api';
import './vouchers.css';

function ObjectionModal({ n, onClose }: { n: Notice; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ObjectionBody>();
  const [error, setError] = useState<string[]>([]);
  const send = useMutation({ mutationFn: (b: ObjectionBody) => objectToClaim(n.id, b) });
  const x = (k: string) => t(`vc.notice.${k}`);
  return (
    <Modal open title={t('vc.notice.objectTitle', { no: n.claimNo })} onCancel={onClose} footer={null} destroyOnHidden>
      {error.length > 0 && <Alert type="error" showIcon role="alert" title={error.join('；')} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onValuesChange={() => clearFieldErrors(form)}
        onFinish={async (v) => {
          setError([]);
          try {
            await send.mutateAsync({ name: v.name ?? '', contact: v.contact ?? '', reason: v.reason ?? '' });
            message.success(x('sent'));
            onClose();
          } catch (e) {
            setError(showFieldErrors(form, e, ['name', 'contact', 'reason']));
          }
        }}
      >
        <Form.Item name="name" label={x('name')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contact" label={x('contact')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label={x('reason')} extra={x('reasonHint')}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          {x('submit')}
        </Button>
      </Form>
    </Modal>
  );
}

export default function NoticesPage() {
  const { t } = useTranslation();
  useTitle(t('vc.notice.title'));
  const notices = useQuery(noticesQuery);
  const [objecting, setObjecting] = useState<Notice | null>(null);
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('vc.notice.title')}
      </Typography.Title>
      <p className="kft-meta" style={{ marginTop: 0 }}>
        {t('vc.notice.help')}
      </p>
      {notices.error && <Alert type="error" showIcon role="alert" title={notices.error.message} />}
      {notices.isPending && <Spin />}
      {notices.data?.length === 0 && <Empty description={t('vc.notice.none')} />}
      <div className="vc-grid" data-testid="notices">
        {notices.data?.map((n) => (
          <Card key={n.id} size="small" data-testid="notice" data-claim={n.claimNo} data-state={n.state}>
            <div className="kft-title-row">
              <h2 style={{ margin: 0, fontSize: 15 }}>{n.title}</h2>
              <Tag color={n.state === 'open' ? 'blue' : 'default'}>{t(`vc.notice.${n.state}`)}</Tag>
            </div>
            <p className="kft-meta" style={{ margin: '4px 0' }}>
              {n.claimNo} · {n.schemeName}
            </p>
            <dl className="vc-amounts" style={{ margin: '4px 0' }}>
              <div>
                <dt className="kft-meta">{t('vc.field.holder')}</dt>
                <dd style={{ margin: 0 }}>{n.holderName}</dd>
              </div>
              <div>
                <dt className="kft-meta">{t('vc.field.provider')}</dt>
                <dd style={{ margin: 0 }}>{n.providerName}</dd>
              </div>
              <div>
                <dt className="kft-meta">{t('vc.field.claimAmount')}</dt>
                <dd style={{ margin: 0 }}>{yuan(n.amountFen)}</dd>
              </div>
              <div>
                <dt className="kft-meta">{t('vc.field.noticeUntil')}</dt>
                <dd style={{ margin: 0 }}>{fmtStampLabelled(n.noticeUntil)}</dd>
              </div>
            </dl>
            {n.state === 'open' && <Button onClick={() => setObjecting(n)}>{t('vc.notice.object')}</Button>}
          </Card>
        ))}
      </div>
      {objecting && <ObjectionModal n={objecting} onClose={() => setObjecting(null)} />}
    </div>
  );
}
