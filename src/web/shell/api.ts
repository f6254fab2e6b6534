/** The shell's queries: the signed-in user, reference data, notifications. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';

export type User = Schemas['User'];
export type Role = Schemas['Role'];

export type Reference = Schemas['Reference'];
export type AppNotification = Schemas['Notification'];

export const meQuery = queryOptions({
  queryKey: ['auth', 'me'],
  queryFn: async (): Promise<User | null> => (await unwrap(api.GET('/api/v1/auth/me'))).user,
  staleTime: Infinity,
});

/** `code`: the second factor's 6 digits, once the server has answered 401 totp_required. */
export const signIn = async (username: string, password: string, code?: string) =>
  (await unwrap(api.POST('/api/v1/auth/login', { body: { username, password, ...(code ? { code } : {}) } }))).user;
export const signOut = () => unwrap(api.POST('/api/v1/auth/logout'));

export const referenceQuery = queryOptions({
  queryKey: ['reference'],
  queryFn: () => unwrap(api.GET('/api/v1/reference')),
  staleTime: Infinity,
});

export const notificationsQuery = queryOptions({
  queryKey: ['notifications'],
  queryFn: () => unwrap(api.GET('/api/v1/notifications')),
});
export const markRead = (id: number) => unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
export const markAllRead = () => unwrap(api.POST('/api/v1/notifications/read-all'));
