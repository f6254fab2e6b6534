/** The users trained on an instrument (for instruments that need training): listed, granted by username, revoked */
import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, List, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import { grantQualification, instrumentKeys, qualificationsQuery, revokeQualification, type Instrument, type Qualification } from '../api';

export default function OwnerQualifications({ ins }: { ins: Instrument }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = useId();
  const qc = useQueryClient();
  const list = useQuery(qualificationsQuery(ins.id));
  const items = list.error ? [] : (list.data ?? null);
  const [username, setUsername] = useState('');
  const [writeErr, setErr] = useState<ApiError | null>(null);
  const err = writeErr ?? list.error;
  const changed = () => qc.invalidateQueries({ queryKey: instrumentKeys.qualifications(ins.id) });
  const grant = useMutation({
    mutationFn: (name: string) => grantQualification(ins.id, name),
    onSuccess: (_, name) => {
      message.success(t('owner.qualified', { username: name }));
      setUsername('');
      void changed();
    },
    onError: setErr,
  });
  const revoke = useMutation({ mutationFn: (q: Qualification) => revokeQualification(ins.id, q.userId), onSuccess: changed, onError: setErr });
  const add = () => {
    setErr(null);
    grant.mutate(username.trim());
  };
  const remove = (q: Qualification) => revoke.mutate(q);
  const userErr = err?.fields.filter((f) => f.path === 'username').map((f) => f.message) ?? [];
  return (
    <div>
      {!ins.needsTraining && <Alert type="info" showIcon title={t('owner.noTrainingNeeded')} style={{ marginBottom: 8 }} />}
      <List
        size="small"
        bordered
        loading={!items}
        dataSource={items ?? []}
        locale={{ emptyText: t('owner.noQualified') }}
        style={{ marginBottom: 12 }}
        renderItem={(q) => (
          <List.Item
            actions={[
              <Popconfirm key="d" title={t('owner.confirmRevoke')} onConfirm={() => remove(q)}>
                <Button size="small" danger>
                  {t('owner.revoke')}
                </Button>
              </Popconfirm>,
            ]}
          >
            {q.displayName ? `${q.displayName}${t('common.paren', { x: q.username })}` : q.username}
          </List.Item>
        )}
      />
      {err && !userErr.length && <Alert type="error" showIcon title={err.message} style={{ marginBottom: 8 }} />}
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('owner.username')}
          htmlFor={`${id}-u`}
          validateStatus={userErr.length ? 'error' : undefined}
          help={userErr.join(t('common.msgSep')) || undefined}
        >
          <Space.Compact>
            <Input id={`${id}-u`} value={username} onChange={(e) => setUsername(e.target.value)} onPressEnter={add} autoComplete="off" />
            <Button onClick={add} disabled={!username.trim()}>
              {t('owner.grant')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </div>
  );
}
