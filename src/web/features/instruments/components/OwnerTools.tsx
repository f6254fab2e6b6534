/**
 * What an instrument's owner manages besides its fields: exceptions to the weekly hours (blackouts and extra
 * openings), the users trained on it (for instruments that need training), and photos.
 */
import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, List, Popconfirm, Select, Space, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import {
  addException,
  deleteException,
  EXCEPTION_KINDS,
  exceptionsQuery,
  grantQualification,
  instrumentKeys,
  qualificationsQuery,
  revokeQualification,
  uploadPhoto,
  type Instrument,
  type InstrumentException,
  type Qualification,
} from '../api';
import { fmtSpan, shInstant, todaySh } from '../../../lib/time';

function fieldErrors(e: unknown, field: string) {
  return e instanceof ApiError ? e.fields.filter((f) => f.path === field || f.path.endsWith(`.${field}`)).map((f) => f.message) : [];
}

function Exceptions({ ins, onChanged }: { ins: Instrument; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = useId();
  const qc = useQueryClient();
  const list = useQuery(exceptionsQuery(ins.id));
  const items = list.error ? [] : (list.data ?? null);
  const [v, setV] = useState({ kind: 'closed' as InstrumentException['kind'], sd: todaySh(), st: '09:00', ed: todaySh(), et: '18:00', reason: '' });
  const [err, setErr] = useState<unknown>(null);
  const changed = () => {
    void qc.invalidateQueries({ queryKey: instrumentKeys.exceptions(ins.id) });
    onChanged();
  };
  const create = useMutation({
    mutationFn: () => addException(ins.id, { kind: v.kind, start: shInstant(v.sd, v.st), end: shInstant(v.ed, v.et), reason: v.reason }),
    onSuccess: () => {
      message.success(t('owner.exceptionAdded'));
      setV({ ...v, reason: '' });
      changed();
    },
    onError: setErr,
  });
  const drop = useMutation({ mutationFn: (x: InstrumentException) => deleteException(ins.id, x.id), onSuccess: changed, onError: setErr });
  const add = () => {
    setErr(null);
    create.mutate();
  };
  const remove = (x: InstrumentException) => drop.mutate(x);
  const shownErr = err ?? list.error;
  const startErr = fieldErrors(shownErr, 'start');
  const endErr = fieldErrors(shownErr, 'end');
  return (
    <div>
      <List
        size="small"
        bordered
        loading={!items}
        dataSource={items ?? []}
        locale={{ emptyText: t('owner.noExceptions') }}
        style={{ marginBottom: 12 }}
        renderItem={(x) => (
          <List.Item
            actions={[
              <Popconfirm key="d" title={t('owner.confirmDelete')} onConfirm={() => remove(x)}>
                <Button size="small" danger>
                  {t('owner.delete')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <Space wrap>
              <Tag color={x.kind === 'closed' ? 'red' : 'green'}>{t(`owner.kinds.${x.kind}`)}</Tag>
              {fmtSpan(x.start, x.end)}
              {x.reason && <span className="kft-meta">{x.reason}</span>}
            </Space>
          </List.Item>
        )}
      />
      {shownErr instanceof ApiError && !startErr.length && !endErr.length && (
        <Alert type="error" showIcon title={shownErr.message} style={{ marginBottom: 8 }} />
      )}
      <Form layout="vertical" component="div">
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item label={t('owner.kind')} htmlFor={`${id}-k`}>
            <Select
              id={`${id}-k`}
              value={v.kind}
              onChange={(k) => setV({ ...v, kind: k })}
              style={{ width: 210 }}
              options={EXCEPTION_KINDS.map((k) => ({ value: k, label: t(`owner.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item
            label={t('owner.from')}
            htmlFor={`${id}-sd`}
            validateStatus={startErr.length ? 'error' : undefined}
            help={startErr.join(t('common.msgSep')) || undefined}
          >
            <Space.Compact>
              <Input id={`${id}-sd`} type="date" value={v.sd} onChange={(e) => setV({ ...v, sd: e.target.value })} />
              <Input type="time" aria-label={t('owner.fromTime')} value={v.st} onChange={(e) => setV({ ...v, st: e.target.value })} />
            </Space.Compact>
          </Form.Item>
          <Form.Item
            label={t('owner.to')}
            htmlFor={`${id}-ed`}
            validateStatus={endErr.length ? 'error' : undefined}
            help={endErr.join(t('common.msgSep')) || undefined}
          >
            <Space.Compact>
              <Input id={`${id}-ed`} type="date" value={v.ed} onChange={(e) => setV({ ...v, ed: e.target.value })} />
              <Input type="time" aria-label={t('owner.toTime')} value={v.et} onChange={(e) => setV({ ...v, et: e.target.value })} />
            </Space.Compact>
          </Form.Item>
          <Form.Item label={t('owner.reason')} htmlFor={`${id}-r`}>
            <Input id={`${id}-r`} value={v.reason} maxLength={200} onChange={(e) => setV({ ...v, reason: e.target.value })} style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Button onClick={add}>{t('owner.addException')}</Button>
      </Form>
    </div>
  );
}

function Qualifications({ ins }: { ins: Instrument }) {
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

function Photos({ ins, onChanged }: { ins: Instrument; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const add = useMutation({
    mutationFn: (file: File) => uploadPhoto(ins.id, file),
    onSuccess: () => {
      message.success(t('owner.photoAdded'));
      onChanged();
    },
  });
  const busy = add.isPending;
  const err = add.error?.message ?? null;
  const upload = (file: File) => add.mutate(file);
  return (
    <div>
      {err && <Alert type="error" showIcon title={err} style={{ marginBottom: 8 }} />}
      <label className="kft-field">
        <span>{t('owner.photoFile')}</span>
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void upload(f);
            e.target.value = '';
          }}
        />
      </label>
      <p className="kft-meta">{t('owner.photoHint')}</p>
    </div>
  );
}

export default function OwnerTools({ ins, onChanged }: { ins: Instrument; onChanged: () => void }) {
  const { t } = useTranslation();
  return (
    <Tabs
      data-testid="owner-tools"
      items={[
        { key: 'exceptions', label: t('owner.exceptions'), children: <Exceptions ins={ins} onChanged={onChanged} /> },
        { key: 'qualifications', label: t('owner.qualifications'), children: <Qualifications ins={ins} /> },
        { key: 'photos', label: t('owner.photos'), children: <Photos ins={ins} onChanged={onChanged} /> },
      ]}
    />
  );
}
