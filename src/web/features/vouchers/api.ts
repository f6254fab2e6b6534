/**
 * Innovation vouchers (科技创新券) on the web: schemes and their ledger, eligibility, the wallet, applications, direct
 * issue, checkout on an order, claims, the public notice, payment batches; and organization relations (directory),
 * which the related-party rule reads.
 */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type Scheme = Schemas['VoucherScheme'];
export type Ledger = Schemas['VoucherLedger'];
export type Voucher = Schemas['Voucher'];
export type Application = Schemas['VoucherApplication'];
export type Eligibility = Schemas['VoucherEligibility'];
export type Claim = Schemas['VoucherClaim'];
export type Notice = Schemas['VoucherNotice']['items'][number];
export type Batch = Schemas['VoucherBatch'];
export type Checkout = Schemas['VoucherCheckout'];
export type OrgRelations = Schemas['OrgRelations'];
export type SchemeBody = paths['/api/v1/voucher-schemes']['post']['requestBody']['content']['application/json'];
export type SchemePatchBody = paths['/api/v1/voucher-schemes/{id}']['patch']['requestBody']['content']['application/json'];
export type ApplicationBody = paths['/api/v1/voucher-applications']['post']['requestBody']['content']['application/json'];
export type IssueBody = paths['/api/v1/vouchers']['post']['requestBody']['content']['application/json'];
export type ObjectionBody = paths['/api/v1/voucher-notices/{id}/objections']['post']['requestBody']['content']['application/json'];
export type ClaimStatus = Claim['status'];
export type RelationKind = Schemas['OrgRelation']['kind'];

/** The excluded kinds a scheme may tick, and the defaults a new scheme takes (RULES.md; the server holds the same). */
export const EXCLUDED_KINDS = ['statutory_inspection', 'commercial_inspection', 'mandatory_testing', 'batch_testing'] as const;
export const SCHEME_DEFAULTS = {
  maxSharePct: 50,
  yearlyCapFen: 300_000_00,
  teamYearlyCapFen: 100_000_00,
  validityMonths: 12,
  excludedKinds: [...EXCLUDED_KINDS],
  noticeDays: 7,
};

export const voucherKeys = {
  all: ['vouchers'] as const,
  schemes: ['vouchers', 'schemes'] as const,
  eligibility: ['vouchers', 'eligibility'] as const,
  wallet: (orgId: number) => ['vouchers', 'wallet', orgId] as const,
  applications: (status: string) => ['vouchers', 'applications', status] as const,
  claims: (status: string) => ['vouchers', 'claims', status] as const,
  notices: ['vouchers', 'notices'] as const,
  batches: ['vouchers', 'batches'] as const,
  checkout: (orderId: number) => ['vouchers', 'checkout', orderId] as const,
  relations: (orgId: number) => ['org-relations', orgId] as const,
};

export const schemesQuery = queryOptions({
  queryKey: voucherKeys.schemes,
  queryFn: async () => (await unwrap(api.GET('/api/v1/voucher-schemes'))).items,
});
export const eligibilityQuery = queryOptions({
  queryKey: voucherKeys.eligibility,
  queryFn: () => unwrap(api.GET('/api/v1/voucher-eligibility')),
});
export const walletQuery = (orgId: number) =>
  queryOptions({
    queryKey: voucherKeys.wallet(orgId),
    queryFn: () => unwrap(api.GET('/api/v1/vouchers', { params: { query: { holderOrgId: orgId, pageSize: 100 } } })),
  });
export const applicationsQuery = (status: Application['status'] | '') =>
  queryOptions({
    queryKey: voucherKeys.applications(status),
    queryFn: () => unwrap(api.GET('/api/v1/voucher-applications', { params: { query: { status: status || undefined, pageSize: 100 } } })),
  });
export const claimsQuery = (status: ClaimStatus | '') =>
  queryOptions({
    queryKey: voucherKeys.claims(status),
    queryFn: () => unwrap(api.GET('/api/v1/voucher-claims', { params: { query: { status: status || undefined, pageSize: 100 } } })),
  });
/** a member's organization's claims, both sides: on its vouchers (holder) and those it filed (provider) */
export const ownClaimsQuery = (orgId: number) =>
  queryOptions({
    queryKey: [...voucherKeys.all, 'own-claims', orgId],
    queryFn: () => unwrap(api.GET('/api/v1/voucher-claims', { params: { query: { pageSize: 100 } } })),
  });
export const objectionsQuery = (claimId: number) =>
  queryOptions({
    queryKey: [...voucherKeys.all, 'objections', claimId],
    queryFn: async () => (await unwrap(api.GET('/api/v1/voucher-claims/{id}/objections', { params: { path: { id: claimId } } }))).items,
  });
export const noticesQuery = queryOptions({
  queryKey: voucherKeys.notices,
  queryFn: async () => (await unwrap(api.GET('/api/v1/voucher-notices'))).items,
});
export const batchesQuery = queryOptions({
  queryKey: voucherKeys.batches,
  queryFn: async () => (await unwrap(api.GET('/api/v1/voucher-payment-batches'))).items,
});
export const batchQuery = (id: number) =>
  queryOptions({
    queryKey: [...voucherKeys.batches, id],
    queryFn: () => unwrap(api.GET('/api/v1/voucher-payment-batches/{id}', { params: { path: { id } } })),
  });
export const checkoutQuery = (orderId: number) =>
  queryOptions({
    queryKey: voucherKeys.checkout(orderId),
    queryFn: () => unwrap(api.GET('/api/v1/orders/{id}/voucher', { params: { path: { id: orderId } } })),
  });
export const relationsQuery = (orgId: number) =>
  queryOptions({
    queryKey: voucherKeys.relations(orgId),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{id}/relations', { params: { path: { id: orgId } } })),
    retry: false,
  });

// the eligibility rule tree is recursive: its generated type does not round-trip (the server checks the body)
export const createScheme = (body: SchemeBody) => unwrap(api.POST('/api/v1/voucher-schemes', { body: body as never }));
export const updateScheme = (id: number, body: SchemePatchBody) =>
  unwrap(api.PATCH('/api/v1/voucher-schemes/{id}', { params: { path: { id } }, body: body as never }));
export const cancelVoucher = (id: number, reason: string) => unwrap(api.POST('/api/v1/vouchers/{id}/cancel', { params: { path: { id } }, body: { reason } }));
/** the offices' vouchers (city: all; district: its schemes' and its holders') */
export const officeVouchersQuery = (status: Voucher['status'] | '') =>
  queryOptions({
    queryKey: [...voucherKeys.all, 'office', status],
    queryFn: () => unwrap(api.GET('/api/v1/vouchers', { params: { query: { status: status || undefined, pageSize: 100 } } })),
  });
export const applyForVoucher = (body: ApplicationBody) => unwrap(api.POST('/api/v1/voucher-applications', { body }));
export const decideApplication = (id: number, body: { decision: 'approve' | 'reject'; amountFen?: number; reason?: string }) =>
  unwrap(api.POST('/api/v1/voucher-applications/{id}/decision', { params: { path: { id } }, body }));
export const issueVoucher = (body: IssueBody) => unwrap(api.POST('/api/v1/vouchers', { body }));
export const reviewClaim = (id: number, body: { decision: 'approve' | 'return'; reason?: string }) =>
  unwrap(api.POST('/api/v1/voucher-claims/{id}/review', { params: { path: { id } }, body }));
export const rejectClaim = (id: number, reason: string) =>
  unwrap(api.POST('/api/v1/voucher-claims/{id}/reject', { params: { path: { id } }, body: { reason } }));
export const objectToClaim = (id: number, body: ObjectionBody) =>
  unwrap(api.POST('/api/v1/voucher-notices/{id}/objections', { params: { path: { id } }, body }));
export const createBatch = () => unwrap(api.POST('/api/v1/voucher-payment-batches', { body: {} }));
export const markBatchPaid = (id: number) => unwrap(api.POST('/api/v1/voucher-payment-batches/{id}/paid', { params: { path: { id } } }));
/** the xlsx of a batch: a plain link (the browser downloads it with the session cookie) */
export const orderClaimsQuery = (orderId: number) =>
  queryOptions({
    queryKey: [...voucherKeys.all, 'order-claims', orderId],
    queryFn: () => unwrap(api.GET('/api/v1/voucher-claims', { params: { query: { orderId } } })),
  });
export const submitClaim = (orderId: number) => unwrap(api.POST('/api/v1/voucher-claims', { body: { orderId } }));
export const resubmitClaim = (id: number) => unwrap(api.POST('/api/v1/voucher-claims/{id}/resubmit', { params: { path: { id } } }));
export const batchExportUrl = (id: number) => `/api/v1/voucher-payment-batches/${id}/export`;
export const applyToOrder = (orderId: number, voucherId: number) =>
  unwrap(api.POST('/api/v1/orders/{id}/voucher', { params: { path: { id: orderId } }, body: { voucherId } }));
export const removeFromOrder = (orderId: number) => unwrap(api.DELETE('/api/v1/orders/{id}/voucher', { params: { path: { id: orderId } } }));
export const setLegalRepresentative = (orgId: number, legalRepresentative: string | null) =>
  unwrap(api.PUT('/api/v1/orgs/{id}/legal-representative', { params: { path: { id: orgId } }, body: { legalRepresentative } }));
export const addRelation = (orgId: number, body: { kind: RelationKind; toOrgId: number }) =>
  unwrap(api.POST('/api/v1/orgs/{id}/relations', { params: { path: { id: orgId } }, body }));
export const removeRelation = (orgId: number, relationId: number) =>
  unwrap(api.DELETE('/api/v1/orgs/{id}/relations/{relationId}', { params: { path: { id: orgId, relationId } } }));
