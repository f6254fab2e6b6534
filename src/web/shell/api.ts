/** The shell's queries: the signed-in user, reference data, notifications. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, unwrapAs, type Schemas } from '../api/client';

export type User = Schemas['User'];
export type Role = Schemas['Role'];

// TODO(contract): generated type
export interface Category { code: string; nameZh: string; nameEn: string; nationalClass: string; industryCodes: string[]; sortOrder: number }
// TODO(contract): generated type
export interface Division { code: string; name: string; nameEn: string | null; kind: string; validFrom: string | null; validTo: string | null; successorCode: string | null; provisional: boolean; note: string | null }
// TODO(contract): generated type
export interface Cluster { id: string; name: string; corePark: string; focus: string[] }
// TODO(contract): generated type
export interface Reference { categories: Category[]; divisions: Division[]; clusters: Cluster[]; managementAreas: unknown[]; orgKinds: string[]; recognitionKinds: string[]; revenueBands: string[] }
// TODO(contract): generated type
export interface AppNotification { id: number; kind: string; bookingId: number | null; link?: string | null; title: string; body: string; readAt: string | null; createdAt: string }
// TODO(contract): generated type
export interface NotificationList { items: AppNotification[]; unread: number }

export const meQuery = queryOptions({
  queryKey: ['auth', 'me'],
  queryFn: async (): Promise<User | null> => (await unwrap(api.GET('/api/v1/auth/me'))).user,
  staleTime: Infinity,
});

export const signIn = async (username: string, password: string) => (await unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }))).user;
export const signOut = () => unwrap(api.POST('/api/v1/auth/logout'));

export const referenceQuery = queryOptions({
  queryKey: ['reference'],
  queryFn: () => unwrapAs<Reference>(api.GET('/api/v1/reference')),
  staleTime: Infinity,
});

export const notificationsQuery = queryOptions({
  queryKey: ['notifications'],
  queryFn: () => unwrapAs<NotificationList>(api.GET('/api/v1/notifications')),
});
export const markRead = (id: number) => unwrapAs<unknown>(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
export const markAllRead = () => unwrapAs<unknown>(api.POST('/api/v1/notifications/read-all'));
