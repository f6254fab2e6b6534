/**
 * 新建用户 / 编辑用户 in a modal: username (new only), name, role, then the scope the role needs (a district for a
 * district admin, an organization id for a member), email, and for a new user an optional initial password (without
 * one, the user is emailed a link to choose their own). The server's field errors go onto the fields.
 */
import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { clearFieldErrors, showFieldErrors } from '../../../lib/formErrors';
import { useNames } from '../../../shell/context';
import { createUser, ROLES, updateUser, type ManagedUser, type Role } from '../api';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  districtCode?: string | null;
  orgId?: number | null;
  email?: string;
  password?: string;
}
const FIELDS = ['username', 'displayName', 'role', 'districtCode', 'orgId', 'email', 'password'];

export default function UserFormModal({ open, user, onClose }: { open: boolean; user: ManagedUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const names = useNames();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const role = Form.useWatch('role', form);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    if (user)
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        districtCode: user.districtCode,
        orgId: user.orgId,
        email: user.email ?? '',
      });
  }, [open, user, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const scope = { districtCode: v.role === 'district_admin' ? (v.districtCode ?? null) : null, orgId: v.role === 'org_member' ? (v.orgId ?? null) : null };
      const common = { displayName: v.displayName, role: v.role, email: v.email ?? '', ...scope };
      return user ? updateUser(user.id, common) : createUser({ ...common, username: v.username, ...(v.password ? { password: v.password } : {}) });
    },
    onSuccess: () => {
      message.success(user ? t('common.saved') : t('users.created'));
      void qc.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
    onError: (e) => {
      const rest = showFieldErrors(form, e, FIELDS);
      setProblem(rest.length ? rest.join(t('common.msgSep')) : null);
    },
  });
  const required = (label: string) => [{ required: true, message: t('common.required', { field: label }) }];

  return (
    <Modal
      open={open}
      title={user ? t('users.editTitle', { name: user.username }) : t('users.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="user-form"
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ role: 'org_member' }}
        onFinish={(v) => {
          setProblem(null);
          clearFieldErrors(form);
          save.mutate(v);
        }}
      >
        <Form.Item name="username" label={t('users.username')} extra={user ? undefined : t('users.usernameHelp')} rules={required(t('users.username'))}>
          <Input autoComplete="off" disabled={!!user} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={required(t('users.displayName'))}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={required(t('users.role'))}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        {role === 'district_admin' && (
          <Form.Item name="districtCode" label={t('users.district')} rules={required(t('users.district'))}>
            <Select showSearch optionFilterProp="label" options={names.currentDivisions.map((d) => ({ value: d.code, label: names.district(d.code) }))} />
          </Form.Item>
        )}
        {role === 'org_member' && (
          <Form.Item name="orgId" label={t('users.orgId')} extra={t('users.orgIdHelp')} rules={required(t('users.orgId'))}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="email" label={t('users.email')}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        {!user && (
          <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHelp')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
