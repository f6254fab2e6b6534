/** 用户管理 (city admins): the user list, new users, changes, unlocking. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type ManagedUser = Schemas['ManagedUser'];
export type Role = ManagedUser['role'];
export type UserStatus = ManagedUser['status'];
export type NewUserBody = paths['/api/v1/users']['post']['requestBody']['content']['application/json'];
export type UserChanges = paths['/api/v1/users/{id}']['patch']['requestBody']['content']['application/json'];
export type UserFilters = { q?: string; role?: Role; status?: UserStatus; page: number; pageSize: number };

export const ROLES = ['admin', 'district_admin', 'org_member'] as const satisfies readonly Role[];
export const STATUSES = ['active', 'disabled', 'locked'] as const satisfies readonly UserStatus[];

export const usersQuery = (f: UserFilters) =>
  queryOptions({
    queryKey: ['users', 'list', f],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: f } })),
    placeholderData: keepPreviousData,
  });

export const createUser = (body: NewUserBody) => unwrap(api.POST('/api/v1/users', { body }));
export const updateUser = (id: number, body: UserChanges) => unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body }));
export const unlockUser = (id: number) => unwrap(api.POST('/api/v1/users/{id}/unlock', { params: { path: { id } } }));
