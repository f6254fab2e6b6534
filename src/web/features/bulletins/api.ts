/** 统计信息发布 on the web: the public list and pages, an office's workbench, composing, previewing, publishing. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type Bulletin = Schemas['Bulletin'];
export type BulletinVersion = Schemas['BulletinVersion'];
export type BulletinSummary = Schemas['BulletinSummary'];
export type BulletinFigure = Schemas['BulletinFigure'];

export const bulletinKeys = { all: ['bulletins'] as const };

export const publishedQuery = (page: number) =>
  queryOptions({
    queryKey: [...bulletinKeys.all, 'published', page],
    queryFn: () => unwrap(api.GET('/api/v1/bulletins', { params: { query: { page, pageSize: 10 } } })),
  });

export const workbenchQuery = queryOptions({
  queryKey: [...bulletinKeys.all, 'workbench'],
  queryFn: () => unwrap(api.GET('/api/v1/bulletins/workbench')),
});

export const bulletinQuery = (id: number) =>
  queryOptions({ queryKey: [...bulletinKeys.all, id], queryFn: () => unwrap(api.GET('/api/v1/bulletins/{id}', { params: { path: { id } } })) });

export const versionQuery = (id: number, version: number) =>
  queryOptions({
    queryKey: [...bulletinKeys.all, id, 'version', version],
    queryFn: () => unwrap(api.GET('/api/v1/bulletins/{id}/versions/{version}', { params: { path: { id, version } } })),
  });

export const previewQuery = (id: number, draftVersion: number) =>
  queryOptions({
    queryKey: [...bulletinKeys.all, id, 'preview', draftVersion],
    queryFn: () => unwrap(api.GET('/api/v1/bulletins/{id}/preview', { params: { path: { id } } })),
  });

export type BulletinFields = {
  period: string;
  title: string;
  lead?: string;
  sections?: { heading: string; body: string }[];
  indicatorIds: number[];
};

export const createBulletin = (body: BulletinFields & { scope: string }) => unwrap(api.POST('/api/v1/bulletins', { body }));
export const changeBulletin = (id: number, body: Partial<BulletinFields> & { version: number }) =>
  unwrap(api.PATCH('/api/v1/bulletins/{id}', { params: { path: { id } }, body }));
export const publishBulletin = (id: number, body: { version: number; correctionNote?: string }) =>
  unwrap(api.POST('/api/v1/bulletins/{id}/publish', { params: { path: { id } }, body }));
