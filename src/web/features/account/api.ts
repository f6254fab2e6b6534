/** The signed-in user's own account: security settings, password, sessions, the second factor. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type AccountSession = Schemas['Session'];

export const securityQuery = queryOptions({
  queryKey: ['account', 'security'],
  queryFn: () => unwrap(api.GET('/api/v1/auth/security')),
});
export const sessionsQuery = queryOptions({
  queryKey: ['account', 'sessions'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/auth/sessions'))).items,
});

export const changePassword = (body: { currentPassword: string; newPassword: string }) => unwrap(api.POST('/api/v1/auth/password', { body }));
export const revokeSession = (id: number) => unwrap(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } }));
export const revokeOthers = () => unwrap(api.POST('/api/v1/auth/sessions/revoke-others'));
export const setUpTotp = () => unwrap(api.POST('/api/v1/auth/totp/setup'));
export const enableTotp = (code: string) => unwrap(api.POST('/api/v1/auth/totp/enable', { body: { code } }));
export const disableTotp = (code: string) => unwrap(api.POST('/api/v1/auth/totp/disable', { body: { code } }));
