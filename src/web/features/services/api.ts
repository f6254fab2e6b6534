/** The service catalogue's queries and writes: catalogue search, one service, a provider's storefront, publish and edit. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type Service = Schemas['Service'];
export type ServiceList = Schemas['ServiceList'];
export type Storefront = Schemas['ProviderStorefront'];
export type ServiceBody = paths['/api/v1/services']['post']['requestBody']['content']['application/json'];
export type ServicePatch = paths['/api/v1/services/{id}']['patch']['requestBody']['content']['application/json'];
export type ServiceQuery = NonNullable<paths['/api/v1/services']['get']['parameters']['query']>;

// the enumerations' values at runtime, for the selects (checked against the generated types)
export const PRICING_MODES = ['fixed', 'range', 'quote'] as const satisfies readonly Service['pricingMode'][];
export const RESTRICTED_KINDS = ['statutory_inspection', 'commercial_inspection', 'mandatory_testing', 'batch_testing'] as const satisfies readonly NonNullable<
  Service['restrictedKind']
>[];
export const QUALIFICATION_KINDS = ['CMA', 'CNAS'] as const satisfies readonly Service['qualifications'][number]['kind'][];

export const serviceKeys = {
  all: ['services'] as const,
  detail: (id: number) => ['services', 'detail', id] as const,
  storefront: (orgId: number) => ['services', 'storefront', orgId] as const,
};

export const serviceListQuery = (query: ServiceQuery) =>
  queryOptions({
    queryKey: ['services', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/services', { params: { query } })),
    placeholderData: keepPreviousData,
  });

export const serviceQuery = (id: number) =>
  queryOptions({ queryKey: serviceKeys.detail(id), queryFn: () => unwrap(api.GET('/api/v1/services/{id}', { params: { path: { id } } })) });

export const storefrontQuery = (orgId: number) =>
  queryOptions({
    queryKey: serviceKeys.storefront(orgId),
    queryFn: () => unwrap(api.GET('/api/v1/providers/{orgId}/storefront', { params: { path: { orgId } } })),
  });

export const createService = (body: ServiceBody) => unwrap(api.POST('/api/v1/services', { body }));
export const updateService = (id: number, body: ServicePatch) => unwrap(api.PATCH('/api/v1/services/{id}', { params: { path: { id } }, body }));
