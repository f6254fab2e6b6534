/** The contract's lifecycle beyond the station's review: the signed PDF, the buyer's answer, the experts' page. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export function uploadContractDocument(id: number, file: File) {
  const body = new FormData();
  body.append('file', file);
  // multipart: the route declares no JSON body, openapi-fetch sends FormData as it is
  return unwrap(api.POST('/api/v1/contracts/{id}/document', { params: { path: { id } }, body: body as never }));
}

const path = (id: number) => ({ params: { path: { id } } });
export const confirmContract = (id: number) => unwrap(api.POST('/api/v1/contracts/{id}/confirm', path(id)));
export const disputeContract = (id: number, reason: string) => unwrap(api.POST('/api/v1/contracts/{id}/dispute', { ...path(id), body: { reason } }));

export type ExpertReview = Schemas['ContractExpertReview'];
export const reviewsKey = ['contracts', 'reviews'] as const;
export const myReviewsQuery = () => queryOptions({ queryKey: reviewsKey, queryFn: () => unwrap(api.GET('/api/v1/contract-reviews')) });
export const recordMyOpinion = (id: number, conclusion: 'register' | 'reject', opinion: string) =>
  unwrap(api.POST('/api/v1/contract-reviews/{id}/opinion', { ...path(id), body: { conclusion, opinion } }));

export type ContractChange = Schemas['ContractChange'];
export type ChangeBody = NonNullable<paths['/api/v1/contracts/{id}/changes']['post']['requestBody']>['content']['application/json'];
export const changesKey = (id: number) => ['contracts', 'changes', id] as const;
export const changesQuery = (id: number) =>
  queryOptions({ queryKey: changesKey(id), queryFn: () => unwrap(api.GET('/api/v1/contracts/{id}/changes', path(id))) });
export const requestChange = (id: number, body: ChangeBody) => unwrap(api.POST('/api/v1/contracts/{id}/changes', { ...path(id), body }));
export const approveChange = (id: number, changeId: number) =>
  unwrap(api.POST('/api/v1/contracts/{id}/changes/{changeId}/approve', { params: { path: { id, changeId } } }));
export const rejectChange = (id: number, changeId: number, reason: string) =>
  unwrap(api.POST('/api/v1/contracts/{id}/changes/{changeId}/reject', { params: { path: { id, changeId } }, body: { reason } }));
