/** A new subscription: the URL and the event types the caller may subscribe to, as checkboxes with their names. */
import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { createWebhook, eventTypesQuery, webhookKeys, type WebhookEventKind } from '../api';
import SecretModal from './SecretModal';

const errorsAt = (e: unknown, field: string) => (e instanceof ApiError ? e.fields.filter((f) => f.path === field).map((f) => f.message) : []);

export default function CreateWebhook() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const id = useId();
  const qc = useQueryClient();
  const types = useQuery(eventTypesQuery(i18n.language));
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<WebhookEventKind[]>([]);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => createWebhook({ url, eventTypes: chosen }),
    onSuccess: (res) => {
      message.success(t('wh.created'));
      setSecret(res.secret);
      setUrl('');
      setChosen([]);
      void qc.invalidateQueries({ queryKey: webhookKeys.all });
    },
  });
  const err = create.error;
  const urlErr = errorsAt(err, 'url');
  const typesErr = errorsAt(err, 'eventTypes');
  return (
    <Card size="small" title={<h2 className="kft-card-title">{t('wh.create')}</h2>} style={{ marginBottom: 16 }}>
      {err && !urlErr.length && !typesErr.length && <Alert type="error" showIcon title={err.message} style={{ marginBottom: 8 }} />}
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('wh.url')}
          htmlFor={`${id}-url`}
          validateStatus={urlErr.length ? 'error' : undefined}
          help={urlErr.join(t('common.msgSep')) || t('wh.urlHint')}
        >
          <Input id={`${id}-url`} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('wh.eventTypes')} validateStatus={typesErr.length ? 'error' : undefined} help={typesErr.join(t('common.msgSep')) || undefined}>
          <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as WebhookEventKind[])} aria-label={t('wh.eventTypes')} className="kft-webhook-types">
            {(types.data ?? []).map((e) => (
              <Checkbox key={e.type} value={e.type} title={`${e.type} · ${e.description}`}>
                {e.name}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Button type="primary" onClick={() => create.mutate()} loading={create.isPending} data-testid="create-webhook">
          {t('wh.submit')}
        </Button>
      </Form>
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
