/** The directory's queries and writes: organizations, their history and offerings, imports, published lists. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type ApiError, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type Org = Schemas['Org'];
export type OrgList = Schemas['OrgList'];
/** A count of a facet's value (a category's or a district's code) */
export type Facet = OrgList['facets']['district'][number];
export type HistoryItem = Schemas['HistoryEntry'];
export type ImportJob = Schemas['ImportJob'];
/** A recent import, without its rows' errors */
export type ImportJobSummary = Schemas['ImportJobSummary'];
export type Publication = Schemas['Publication'];
/** A row of a published list, every value as printed */
export type PubRow = Schemas['PublishedRow'];

export type OrgQuery = NonNullable<paths['/api/v1/orgs']['get']['parameters']['query']>;
export type OrgBody = paths['/api/v1/orgs']['post']['requestBody']['content']['application/json'];
/** The vocabularies an organization is written with (the Org the API answers names them as plain strings) */
export type OrgKind = NonNullable<OrgBody['kinds']>[number];
export type RevenueBand = NonNullable<OrgBody['revenueBand']>;
export type RecognitionKind = NonNullable<OrgBody['recognitions']>[number]['kind'];
export type PublicationBody = paths['/api/v1/publications']['post']['requestBody']['content']['application/json'];

export const orgKeys = {
  all: ['orgs'] as const,
  detail: (id: number) => ['orgs', 'detail', id] as const,
};

/** One page of the directory; the previous page stays on screen while the next loads. */
export const orgListQuery = (query: OrgQuery) =>
  queryOptions({
    queryKey: ['orgs', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/orgs', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const orgQuery = (id: number) =>
  queryOptions({
    queryKey: orgKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{id}', { params: { path: { id } } })),
  });

export const orgHistoryQuery = (id: number) =>
  queryOptions({
    queryKey: ['orgs', 'history', id],
    queryFn: async () => (await unwrap(api.GET('/api/v1/orgs/{id}/history', { params: { path: { id } } }))).items,
  });

/** Organizations whose name matches, for the pickers that name an owner. */
export const orgOptionsQuery = (q: string) =>
  queryOptions({
    queryKey: ['orgs', 'options', q],
    queryFn: async () => (await unwrap(api.GET('/api/v1/orgs', { params: { query: { q, pageSize: 20 } } }))).items.map((o) => ({ value: o.id, label: o.name })),
    placeholderData: keepPreviousData,
  });

/**
 * What an organization offers elsewhere on the platform: the totals of the same list queries its links open, so the
 * two agree for every viewer (null where a list could not be read).
 */
export const offeringsQuery = (orgId: number) =>
  queryOptions({
    queryKey: ['orgs', 'offerings', orgId],
    queryFn: async () => {
      const total = (list: Promise<{ total: number }>) =>
        list.then(
          (r) => r.total,
          () => null,
        );
      const [instruments, achievements, demands, experts] = await Promise.all([
        total(unwrap(api.GET('/api/v1/instruments', { params: { query: { owner: orgId, pageSize: 1 } } }))),
        total(unwrap(api.GET('/api/v1/achievements', { params: { query: { owner: orgId, pageSize: 1 } } }))),
        total(unwrap(api.GET('/api/v1/demands', { params: { query: { owner: orgId, pageSize: 1 } } }))),
        total(unwrap(api.GET('/api/v1/experts', { params: { query: { affiliation: orgId, pageSize: 1 } } }))),
      ]);
      return { instruments, achievements, demands, experts };
    },
  });

export const createOrg = (body: OrgBody) => unwrap(api.POST('/api/v1/orgs', { body }));
export const updateOrg = (id: number, body: OrgBody & { version: number }) => unwrap(api.PATCH('/api/v1/orgs/{id}', { params: { path: { id } }, body }));

// ------------------------------------------------------------------ imports

export const importKeys = { all: ['imports'] as const, recent: ['imports', 'recent'] as const, job: (id: string) => ['imports', 'job', id] as const };

/** An import job, asked again every second while it runs. */
export const importJobQuery = (id: string) =>
  queryOptions({
    queryKey: importKeys.job(id),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/imports/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });

export const recentImportsQuery = queryOptions({
  queryKey: importKeys.recent,
  queryFn: async () => (await unwrap(api.GET('/api/v1/orgs/imports'))).items,
});

/** The report a refused import carries (its 400 answer names the job and its rows' errors), if any. */
export function refusedImportJob(e: ApiError): ImportJob | undefined {
  type Refusal = paths['/api/v1/orgs/import']['post']['responses'][400]['content']['application/json'];
  return (e.status === 400 ? (e.body as Refusal | undefined) : undefined)?.job;
}

/** Uploads a file to check (dry run) or import; a job still running after a few seconds comes back as it stands. */
export function startImport(file: File, dryRun: boolean) {
  const body = new FormData();
  body.append('file', file, file.name);
  // multipart: the route declares no JSON body, openapi-fetch sends FormData as it is
  return unwrap(api.POST('/api/v1/orgs/import', { params: { query: { dryRun: String(dryRun) as 'true' | 'false', wait: 5 } }, body: body as never }));
}

// ------------------------------------------------------------------ published lists

export const publicationsQuery = queryOptions({
  queryKey: ['publications'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/publications'))).items,
});

export const publicationRowsQuery = (id: number, page: number) =>
  queryOptions({
    queryKey: ['publications', id, 'rows', page],
    queryFn: () => unwrap(api.GET('/api/v1/publications/{id}/rows', { params: { path: { id }, query: { page, pageSize: 20 } } })),
  });

export const publish = (body: PublicationBody) => unwrap(api.POST('/api/v1/publications', { body }));
