/** The directory's queries and writes: organizations, their history and offerings, imports, published lists. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrapAs, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

// TODO(contract): generated type
export interface Recognition { kind: string; validFrom?: string | null; validTo?: string | null; certificateNo?: string | null }
// TODO(contract): generated type
export interface Org {
  id: number; uscc: string; name: string; formerNames: string[]; kinds: string[]; categories: string[];
  districtCode: string | null; clusterId: string | null; address: string | null; contactPerson: string | null;
  contactPhone: string | null; contactEmail: string | null; foundedOn: string | null; employees: number | null;
  revenueBand: string | null; recognitions: Recognition[]; description: string | null; website: string | null;
  version: number; createdAt: string; updatedAt: string; contactMasked?: boolean;
}
// TODO(contract): generated type
export interface Facet { code: string; count: number }
// TODO(contract): generated type
export interface OrgList { items: Org[]; total: number; page: number; pageSize: number; fuzzy?: boolean; facets: { category: Facet[]; district: Facet[] } }
// TODO(contract): generated type
export interface HistoryItem { id: number; action: string; actorName: string; at: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; changedFields: string[] }
// TODO(contract): generated type
export interface ImportError { row: number; field: string; column: string; value: string; message: string }
// TODO(contract): generated type
export interface ImportJob {
  id: string; filename: string; dryRun: boolean; status: 'running' | 'done' | 'failed'; totalRows: number; processedRows: number;
  okRows: number; errorRows: number; createdRows: number; errors: ImportError[]; failure: string | null; createdAt: string; finishedAt: string | null;
}
// TODO(contract): generated type
export interface Publication { id: number; number: number; title: string; filters: Record<string, unknown>; orgCount: number; publishedAt: string; publishedBy: string }
// TODO(contract): generated type
export interface PubRow { name: string; uscc: string; kinds: string[] | string; categories: string[] | string; district: string; address: string; recognitions: unknown; description: string; website: string }

export type OrgQuery = NonNullable<paths['/api/v1/orgs']['get']['parameters']['query']>;
export type OrgBody = paths['/api/v1/orgs']['post']['requestBody']['content']['application/json'];
export type PublicationBody = paths['/api/v1/publications']['post']['requestBody']['content']['application/json'];
export type FieldError = Schemas['FieldError'];

export const orgKeys = {
  all: ['orgs'] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
};

/** One page of the directory; the previous page stays on screen while the next loads. */
export const orgListQuery = (query: OrgQuery) => queryOptions({
  queryKey: ['orgs', 'list', query],
  queryFn: () => unwrapAs<OrgList>(api.GET('/api/v1/orgs', { params: { query } })),
  placeholderData: keepPreviousData,
});

export const orgQuery = (id: number) => queryOptions({
  queryKey: orgKeys.detail(id),
  queryFn: () => unwrapAs<Org>(api.GET('/api/v1/orgs/{id}', { params: { path: { id } } })),
});

export const orgHistoryQuery = (id: number) => queryOptions({
  queryKey: ['orgs', 'history', id],
  queryFn: async () => (await unwrapAs<{ items: HistoryItem[] }>(api.GET('/api/v1/orgs/{id}/history', { params: { path: { id } } }))).items,
});

/** Organizations whose name matches, for the pickers that name an owner. */
export const orgOptionsQuery = (q: string) => queryOptions({
  queryKey: ['orgs', 'options', q],
  queryFn: async () => (await unwrapAs<OrgList>(api.GET('/api/v1/orgs', { params: { query: { q, pageSize: 20 } } }))).items.map((o) => ({ value: o.id, label: o.name })),
  placeholderData: keepPreviousData,
});

/**
 * What an organization offers elsewhere on the platform: the totals of the same list queries its links open, so the
 * two agree for every viewer (null where a list could not be read).
 */
export const offeringsQuery = (orgId: number) => queryOptions({
  queryKey: ['orgs', 'offerings', orgId],
  queryFn: async () => {
    const total = (call: Parameters<typeof unwrapAs>[0]) => unwrapAs<{ total: number }>(call).then((r) => r.total).catch(() => null);
    const [instruments, achievements, demands, experts] = await Promise.all([
      total(api.GET('/api/v1/instruments', { params: { query: { owner: orgId, pageSize: 1 } } })),
      total(api.GET('/api/v1/achievements', { params: { query: { owner: orgId, pageSize: 1 } } })),
      total(api.GET('/api/v1/demands', { params: { query: { owner: orgId, pageSize: 1 } } })),
      total(api.GET('/api/v1/experts', { params: { query: { affiliation: orgId, pageSize: 1 } } })),
    ]);
    return { instruments, achievements, demands, experts } as Record<string, number | null>;
  },
});

export const createOrg = (body: OrgBody) => unwrapAs<Org>(api.POST('/api/v1/orgs', { body }));
export const updateOrg = (id: number, body: OrgBody & { version: number }) => unwrapAs<Org>(api.PATCH('/api/v1/orgs/{id}', { params: { path: { id } }, body }));

// ------------------------------------------------------------------ imports

export const importKeys = { all: ['imports'] as const, recent: ['imports', 'recent'] as const, job: (id: string) => ['imports', 'job', id] as const };

/** An import job, asked again every second while it runs. */
export const importJobQuery = (id: string) => queryOptions({
  queryKey: importKeys.job(id),
  queryFn: () => unwrapAs<ImportJob>(api.GET('/api/v1/orgs/imports/{id}', { params: { path: { id } } })),
  refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
});

export const recentImportsQuery = queryOptions({
  queryKey: importKeys.recent,
  queryFn: async () => (await unwrapAs<{ items: ImportJob[] }>(api.GET('/api/v1/orgs/imports'))).items,
});

/** Uploads a file to check (dry run) or import; a job still running after a few seconds comes back as it stands. */
export function startImport(file: File, dryRun: boolean) {
  const body = new FormData();
  body.append('file', file, file.name);
  // multipart: the route declares no JSON body, openapi-fetch sends FormData as it is
  return unwrapAs<ImportJob>(api.POST('/api/v1/orgs/import', { params: { query: { dryRun: String(dryRun) as 'true' | 'false', wait: 5 } }, body: body as never }));
}

// ------------------------------------------------------------------ published lists

export const publicationsQuery = queryOptions({
  queryKey: ['publications'],
  queryFn: async () => (await unwrapAs<{ items: Publication[] }>(api.GET('/api/v1/publications'))).items,
});

export const publicationRowsQuery = (id: number, page: number) => queryOptions({
  queryKey: ['publications', id, 'rows', page],
  queryFn: () => unwrapAs<{ items: PubRow[]; total: number }>(api.GET('/api/v1/publications/{id}/rows', { params: { path: { id }, query: { page, pageSize: 20 } } })),
});

export const publish = (body: PublicationBody) => unwrapAs<Publication>(api.POST('/api/v1/publications', { body }));
