/** The owner's exceptions to the weekly hours: blackouts and extra openings, listed, added and deleted */
import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, List, Popconfirm, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { addException, deleteException, EXCEPTION_KINDS, exceptionsQuery, instrumentKeys, type Instrument, type InstrumentException } from '../api';
import { fmtSpan, shInstant, todaySh } from '../../../lib/time';

function fieldErrors(e: unknown, field: string) {
  return e instanceof ApiError ? e.fields.filter((f) => f.path === field || f.path.endsWith(`.${field}`)).map((f) => f.message) : [];
}

export default function OwnerExceptions({ ins, onChanged }: { ins: Instrument; onChanged: () => void }) {
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
