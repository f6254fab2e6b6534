/** Technology contracts (技术合同认定登记): the register, one contract, its steps, and the public verification. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type Contract = Schemas['Contract'];
export type ContractStatus = Schemas['ContractStatus'];
export type ContractType = Schemas['ContractType'];
export type ContractBody = NonNullable<paths['/api/v1/contracts']['post']['requestBody']>['content']['application/json'];
export type ContractPatchBody = paths['/api/v1/contracts/{id}']['patch']['requestBody']['content']['application/json'];

/** The review's states in the order they are reached (needs_correction and rejected are side roads). */
export const CONTRACT_FLOW = ['draft', 'submitted', 'accepted', 'under_review', 'expert_review', 'registered'] as const satisfies readonly ContractStatus[];
export const CONTRACT_STATUSES = [...CONTRACT_FLOW, 'needs_correction', 'rejected', 'cancelled'] as const satisfies readonly ContractStatus[];
export const CONTRACT_TYPES = ['development', 'transfer', 'license', 'consulting', 'service'] as const satisfies readonly ContractType[];
export const SUB_TYPES: Record<ContractType, string[]> = {
  development: ['commissioned', 'cooperative'],
  transfer: ['patent', 'patent_application', 'know_how', 'ic_layout', 'plant_variety', 'software_copyright'],
  license: ['exclusive', 'sole', 'ordinary'],
  consulting: ['consulting'],
  service: ['service', 'training', 'intermediary'],
};
export const NATURES = [
  'government',
  'research_institute',
  'university',
  'medical',
  'other_institution',
  'association',
  'state_enterprise',
  'collective_enterprise',
  'private_enterprise',
  'other_domestic_enterprise',
  'hk_macao_taiwan',
  'foreign',
  'individual',
] as const satisfies readonly Contract['seller']['nature'][];
export const TECH_FIELDS = [
  'electronics',
  'aerospace',
  'advanced_manufacturing',
  'biomedicine',
  'new_materials',
  'energy',
  'environment',
  'nuclear',
  'agriculture',
  'transport',
  'urban_social',
] as const satisfies readonly NonNullable<Contract['techField']>[];
export const IP_TYPES = [
  'invention_patent',
  'utility_patent',
  'design_patent',
  'software_copyright',
  'ic_layout',
  'plant_variety',
  'know_how',
  'other',
  'none',
] as const satisfies readonly NonNullable<Contract['ipType']>[];
export const PLAN_SOURCES = ['national', 'ministerial', 'municipal', 'district', 'other', 'none'] as const satisfies readonly NonNullable<
  Contract['planSource']
>[];

export const contractKeys = {
  all: ['contracts'] as const,
  list: (status: string, overdue: boolean, q: string, page: number) => ['contracts', 'list', status, overdue, q, page] as const,
  one: (id: number) => ['contracts', 'one', id] as const,
  verify: (n: string) => ['contracts', 'verify', n] as const,
};

export const contractsQuery = (status: string, overdue: boolean, q: string, page: number) =>
  queryOptions({
    queryKey: contractKeys.list(status, overdue, q, page),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/contracts', {
          params: { query: { status: status || undefined, overdue: overdue ? 'true' : undefined, q: q || undefined, page, pageSize: 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
export const contractQuery = (id: number) =>
  queryOptions({ queryKey: contractKeys.one(id), queryFn: () => unwrap(api.GET('/api/v1/contracts/{id}', { params: { path: { id } } })) });
export const verifyQuery = (registrationNumber: string) =>
  queryOptions({
    queryKey: contractKeys.verify(registrationNumber),
    queryFn: () => unwrap(api.GET('/api/v1/contracts/verify/{registrationNumber}', { params: { path: { registrationNumber } } })),
    retry: false,
  });

/** the 31 stations, and whether the seller may choose one (CONTRACT_STATION_CHOICE) */
export const stationsQuery = () =>
  queryOptions({ queryKey: ['contract-stations'], queryFn: () => unwrap(api.GET('/api/v1/contract-stations')), staleTime: 10 * 60_000 });

export const createContract = (body: ContractBody) => unwrap(api.POST('/api/v1/contracts', { body }));
export const updateContract = (id: number, body: ContractPatchBody) => unwrap(api.PATCH('/api/v1/contracts/{id}', { params: { path: { id } }, body }));

const path = (id: number) => ({ params: { path: { id } } });
export const contractSteps = {
  submit: (id: number) => unwrap(api.POST('/api/v1/contracts/{id}/submit', path(id))),
  accept: (id: number) => unwrap(api.POST('/api/v1/contracts/{id}/accept', path(id))),
  requestCorrection: (id: number, reason: string) => unwrap(api.POST('/api/v1/contracts/{id}/request-correction', { ...path(id), body: { reason } })),
  startReview: (id: number) => unwrap(api.POST('/api/v1/contracts/{id}/start-review', path(id))),
  assignExperts: (id: number, expertIds: number[]) => unwrap(api.POST('/api/v1/contracts/{id}/experts', { ...path(id), body: { expertIds } })),
  recordOpinion: (id: number, expertId: number, conclusion: 'register' | 'reject', opinion: string) =>
    unwrap(api.POST('/api/v1/contracts/{id}/opinions', { ...path(id), body: { expertId, conclusion, opinion } })),
  register: (id: number) => unwrap(api.POST('/api/v1/contracts/{id}/register', path(id))),
  reject: (id: number, reason: string) => unwrap(api.POST('/api/v1/contracts/{id}/reject', { ...path(id), body: { reason } })),
};
