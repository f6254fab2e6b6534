/**
 * 关联关系 on the organization page, for the organization itself and the offices (the API answers 403 to others, and
 * the card is then not shown): the legal representative (editable), its relations, and for the offices 新增 / 删除
 * a relation (控股 / 在孵, the other organization picked by search). The voucher related-party rule reads them.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, List, Popconfirm, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { canManage, useAuth } from '../../../shell/context';
import { clearFieldErrors, showFieldErrors } from '../../../lib/formErrors';
import { addRelation, relationsQuery, removeRelation, setLegalRepresentative, voucherKeys, type RelationKind } from '../api';
import { OrgPicker } from '../shared';

export default function OrgRelationsCard({ orgId }: { orgId: number }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const mine = !!user && (canManage(user) || (user.role === 'org_member' && user.orgId === orgId));
  const q = useQuery({ ...relationsQuery(orgId), enabled: mine });
  const [editing, setEditing] = useState(false);
  const [repForm] = Form.useForm<{ legalRepresentative: string }>();
  const [relForm] = Form.useForm<{ kind: RelationKind; toOrgId: number }>();
  const [error, setError] = useState<string[]>([]);
  const refresh = () => qc.invalidateQueries({ queryKey: voucherKeys.relations(orgId) });
  const saveRep = useMutation({ mutationFn: (v: string | null) => setLegalRepresentative(orgId, v) });
  const add = useMutation({ mutationFn: (v: { kind: RelationKind; toOrgId: number }) => addRelation(orgId, v) });
  const remove = useMutation({
    mutationFn: (id: number) => removeRelation(orgId, id),
    onSuccess: () => {
      message.success(t('vc.rel.removed'));
      return refresh();
    },
    onError: (e) => message.error(e.message),
  });
  if (!mine || q.isError || !q.data) return null;
  const r = (k: string, o?: Record<string, unknown>) => t(`vc.rel.${k}`, o);
  const data = q.data;
  const offices = canManage(user);
  return (
    <Card size="small" style={{ marginTop: 12 }} data-testid="org-relations" title={<h2 className="kft-card-title">{r('title')}</h2>}>
      <p className="kft-meta" style={{ marginTop: 0 }}>
        {r('help')}
      </p>
      {error.length > 0 && <Alert type="error" showIcon role="alert" title={error.join('；')} style={{ marginBottom: 8 }} />}
      {editing ? (
        <Form
          form={repForm}
          layout="inline"
          initialValues={{ legalRepresentative: data.legalRepresentative ?? '' }}
          onValuesChange={() => clearFieldErrors(repForm)}
          onFinish={async (v) => {
            setError([]);
            try {
              await saveRep.mutateAsync(v.legalRepresentative?.trim() ? v.legalRepresentative.trim() : null);
              message.success(r('saved'));
              setEditing(false);
              await refresh();
            } catch (e) {
              setError(showFieldErrors(repForm, e, ['legalRepresentative']));
            }
          }}
        >
          <Form.Item name="legalRepresentative" label={r('legalRepresentative')}>
            <Input maxLength={50} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saveRep.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      ) : (
        <p>
          {r('legalRepresentative')}
          {t('vc.colon')}
          <span data-testid="legal-representative">{data.legalRepresentative ?? '—'}</span>{' '}
          {data.can.edit && (
            <Button type="link" size="small" onClick={() => setEditing(true)}>
              {r('edit')}
            </Button>
          )}
        </p>
      )}
      <List
        size="small"
        dataSource={data.relations}
        locale={{ emptyText: r('none') }}
        renderItem={(rel) => (
          <List.Item
            data-testid="org-relation"
            actions={
              offices
                ? [
                    <Popconfirm key="rm" title={`${r('remove')}？`} onConfirm={() => remove.mutate(rel.id)}>
                      <Button size="small" danger>
                        {r('remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            {r(`${rel.direction}.${rel.kind}`, { name: rel.org.name })}
          </List.Item>
        )}
      />
      {offices && (
        <Form
          form={relForm}
          layout="vertical"
          style={{ marginTop: 8, maxWidth: 480 }}
          initialValues={{ kind: 'parent_of' }}
          onValuesChange={() => clearFieldErrors(relForm)}
          onFinish={async (v) => {
            setError([]);
            try {
              await add.mutateAsync({ kind: v.kind, toOrgId: v.toOrgId ?? 0 });
              message.success(r('added'));
              relForm.resetFields();
              await refresh();
            } catch (e) {
              setError(showFieldErrors(relForm, e, ['kind', 'toOrgId']));
            }
          }}
        >
          <Form.Item name="kind" label={r('add')}>
            <Select options={(['parent_of', 'incubates'] as const).map((k) => ({ value: k, label: r(`kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="toOrgId" label={r('other')}>
            <OrgPicker exclude={orgId} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            {r('add')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
