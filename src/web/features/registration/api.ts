/** Registration, claims review, colleagues and password recovery: the feature's queries and writes. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type Claim = Schemas['OrgClaim'];
export type ClaimStatus = Schemas['ClaimStatus'];
export type Invitation = Schemas['OrgInvitation'];
export type RegistrationBody = paths['/api/v1/registrations']['post']['requestBody']['content']['application/json'];
export type AcceptBody = paths['/api/v1/invitations/{token}/accept']['post']['requestBody']['content']['application/json'];

export const regKeys = {
  mine: ['registration', 'mine'] as const,
  claims: (q: { status?: ClaimStatus; district?: string; page: number }) => ['registration', 'claims', q] as const,
  members: (orgId: number) => ['registration', 'members', orgId] as const,
  invitation: (token: string) => ['registration', 'invitation', token] as const,
};

export const register = (body: RegistrationBody) => unwrap(api.POST('/api/v1/registrations', { body }));
export const verifyEmail = (token: string) => unwrap(api.POST('/api/v1/registrations/verify', { body: { token } }));

export const myClaimQuery = queryOptions({
  queryKey: regKeys.mine,
  queryFn: async () => (await unwrap(api.GET('/api/v1/registrations/mine'))).claim,
});

export const claimsQuery = (q: { status?: ClaimStatus; district?: string; page: number }) =>
  queryOptions({
    queryKey: regKeys.claims(q),
    queryFn: () => unwrap(api.GET('/api/v1/org-claims', { params: { query: { ...q, pageSize: 20 } } })),
  });
export const confirmClaim = (id: number) => unwrap(api.POST('/api/v1/org-claims/{id}/confirm', { params: { path: { id } } }));
export const rejectClaim = (id: number, reason: string) => unwrap(api.POST('/api/v1/org-claims/{id}/reject', { params: { path: { id } }, body: { reason } }));

export const membersQuery = (orgId: number) =>
  queryOptions({
    queryKey: regKeys.members(orgId),
    queryFn: () => unwrap(api.GET('/api/v1/orgs/{orgId}/members', { params: { path: { orgId } } })),
  });
export const invite = (orgId: number, body: { email: string; displayName: string }) =>
  unwrap(api.POST('/api/v1/orgs/{orgId}/invitations', { params: { path: { orgId } }, body }));
export const revokeInvitation = (orgId: number, id: number) => unwrap(api.DELETE('/api/v1/orgs/{orgId}/invitations/{id}', { params: { path: { orgId, id } } }));

export const invitationQuery = (token: string) =>
  queryOptions({
    queryKey: regKeys.invitation(token),
    queryFn: () => unwrap(api.GET('/api/v1/invitations/{token}', { params: { path: { token } } })),
    retry: false,
  });
export const acceptInvitation = (token: string, body: AcceptBody) =>
  unwrap(api.POST('/api/v1/invitations/{token}/accept', { params: { path: { token } }, body }));

export const requestReset = (login: string) => unwrap(api.POST('/api/v1/auth/password-reset-requests', { body: { login } }));
export const resetPassword = (token: string, password: string) => unwrap(api.POST('/api/v1/auth/password-reset', { body: { token, password } }));
