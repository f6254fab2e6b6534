/** /admin/users — 用户管理 (city admins): find users, create and change them, disable and unlock them. */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Input, Popconfirm, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fmtStamp } from '../../lib/time';
import { useAuth, useNames, useTitle } from '../../shell/context';
import { ROLES, STATUSES, unlockUser, updateUser, usersQuery, type ManagedUser, type UserFilters } from './api';
import UserFormModal from './components/UserFormModal';

const STATUS_COLOR = { active: 'green', disabled: 'default', locked: 'red' } as const;

export default function UsersPage() {
  const { t } = useTranslation();
  const { user: me } = useAuth();
  const names = useNames();
  const { message } = App.useApp();
  const qc = useQueryClient();
  useTitle(t('users.title'));
  const [filters, setFilters] = useState<UserFilters>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<ManagedUser | 'new' | null>(null);
  const list = useQuery({ ...usersQuery(filters), enabled: me?.role === 'admin' });
  const done = (text: string) => {
    message.success(text);
    return qc.invalidateQueries({ queryKey: ['users'] });
  };
  const onError = (e: Error) => message.error(e.message);
  const unlock = useMutation({ mutationFn: unlockUser, onSuccess: () => done(t('users.unlocked')), onError });
  const toggle = useMutation({
    mutationFn: (u: ManagedUser) => updateUser(u.id, { disabled: u.status !== 'disabled' }),
    onSuccess: (u) => done(u.status === 'disabled' ? t('users.disabledDone') : t('users.enabledDone')),
    onError,
  });
  const set = (f: Partial<UserFilters>) => setFilters((old) => ({ ...old, page: 1, ...f }));

  if (me?.role !== 'admin') return <Result status="403" title="403" subTitle={t('users.forbidden')} />;

  return (
    <div>
      <div className="kft-page-head">
        <Typography.Title level={1} className="kft-page-title">
          {t('users.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setEditing('new')} data-testid="new-user">
          {t('users.new')}
        </Button>
      </div>
      <Space wrap style={{ marginBottom: 12 }} role="search" aria-label={t('common.filters')}>
        <Input.Search
          allowClear
          placeholder={t('users.keyword')}
          aria-label={t('users.keyword')}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={{ width: 240 }}
          data-testid="user-search"
        />
        <Select
          allowClear
          placeholder={t('users.role')}
          aria-label={t('users.role')}
          style={{ width: 150 }}
          value={filters.role}
          onChange={(role) => set({ role })}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        />
        <Select
          allowClear
          placeholder={t('users.status')}
          aria-label={t('users.status')}
          style={{ width: 120 }}
          value={filters.status}
          onChange={(status) => set({ status })}
          options={STATUSES.map((s) => ({ value: s, label: t(`users.statuses.${s}`) }))}
        />
      </Space>
      {list.error && <Alert type="error" showIcon title={list.error.message} />}
      <Table<ManagedUser>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        data-testid="user-table"
        onRow={(u) => ({ 'data-testid': 'user-row', 'data-username': u.username, 'data-status': u.status }) as React.HTMLAttributes<HTMLElement>}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (n) => t('users.total', { count: n }),
          onChange: (page, pageSize) => setFilters((old) => ({ ...old, page, pageSize })),
        }}
        columns={[
          { key: 'username', title: t('users.username'), render: (_, u) => <strong>{u.username}</strong> },
          { key: 'name', title: t('users.displayName'), dataIndex: 'displayName' },
          { key: 'role', title: t('users.role'), render: (_, u) => t(`role.${u.role}`) },
          {
            key: 'scope',
            title: t('users.scope'),
            render: (_, u) =>
              u.orgId ? (
                <Link to={`/orgs/${u.orgId}`}>{t('users.orgLink', { id: u.orgId })}</Link>
              ) : u.districtCode ? (
                names.district(u.districtCode)
              ) : (
                t('users.wholeCity')
              ),
          },
          { key: 'email', title: t('users.email'), render: (_, u) => u.email ?? t('common.none') },
          {
            key: 'status',
            title: t('users.status'),
            render: (_, u) => (
              <span>
                <Tag color={STATUS_COLOR[u.status]}>{t(`users.statuses.${u.status}`)}</Tag>
                {u.status === 'locked' && u.lockedUntil && <span className="kft-meta">{t('users.lockedUntil', { at: fmtStamp(u.lockedUntil) })}</span>}
              </span>
            ),
          },
          { key: 'totp', title: t('users.totp'), render: (_, u) => (u.totpEnabled ? t('users.totpOn') : t('common.none')) },
          { key: 'seen', title: t('users.lastSeen'), render: (_, u) => (u.lastSeenAt ? fmtStamp(u.lastSeenAt) : t('common.none')) },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, u) => (
              <Space size={4}>
                <Button size="small" onClick={() => setEditing(u)}>
                  {t('users.edit')}
                </Button>
                {u.status === 'locked' && (
                  <Button size="small" type="primary" onClick={() => unlock.mutate(u.id)} data-testid="unlock">
                    {t('users.unlock')}
                  </Button>
                )}
                {u.id !== me.id && (
                  <Popconfirm
                    title={u.status === 'disabled' ? t('users.enableConfirm', { name: u.username }) : t('users.disableConfirm', { name: u.username })}
                    okText={t('common.yes')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => toggle.mutate(u)}
                  >
                    <Button size="small" danger={u.status !== 'disabled'}>
                      {u.status === 'disabled' ? t('users.enable') : t('users.disable')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <p className="kft-meta">{t('users.timeNote')}</p>
      <UserFormModal open={editing !== null} user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
    </div>
  );
}
