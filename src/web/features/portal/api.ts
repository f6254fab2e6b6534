/** The portal on the web: the front page's one request and the offices' notices. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type Front = Schemas['PortalFront'];
export type Notice = Schemas['Notice'];
export type HeadlineFigure = Schemas['HeadlineFigure'];

export const portalKeys = { front: ['portal', 'front'] as const };

export const frontQuery = queryOptions({
  queryKey: portalKeys.front,
  queryFn: () => unwrap(api.GET('/api/v1/portal/front')),
});

export type NoticeFields = { title: string; body: string; link?: string | null };

export const postNotice = (body: NoticeFields) => unwrap(api.POST('/api/v1/notices', { body }));
export const changeNotice = (id: number, body: NoticeFields & { version: number }) =>
  unwrap(api.PATCH('/api/v1/notices/{id}', { params: { path: { id } }, body }));
export const removeNotice = (id: number) => unwrap(api.DELETE('/api/v1/notices/{id}', { params: { path: { id } } }));
