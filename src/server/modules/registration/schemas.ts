/**
 * Self-registration, claims, invitations and password recovery as the API takes and gives them.
 * Field labels are the registration.label.* keys (messages.ts).
 */
import { z } from 'zod';
import { Timestamp } from '../../platform/http/contract.ts';
import { phoneText, IdParam, queryInt } from '../../platform/http/fields.ts';
import { labelled as l } from '../../platform/http/validation.ts';
import { Uscc } from '../directory/index.ts';

export const CLAIM_STATUSES = ['awaiting_email', 'pending', 'confirmed', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const ClaimStatusSchema = z
  .enum(CLAIM_STATUSES)
  .meta({ id: 'ClaimStatus', description: 'awaiting_email 待验证邮箱, pending 待审核, confirmed 已确认, rejected 已驳回' });

/** A required email address, compared without case. */
const email = z
  .string()
  .trim()
  .min(1)
  .max(254)
  .refine((v) => z.email().safeParse(v).success, 'field.email')
  .transform((v) => v.toLowerCase());
const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(32)
  .regex(/^[a-z0-9][a-z0-9_.-]*$/, 'registration.usernameFormat');
// the password policy itself is auth's (createUser / setPassword); this is only its outer bound
const password = z.string().min(8).max(256);
const displayName = z.string().trim().min(1).max(50);

export const RegistrationInput = z.object({
  uscc: l(Uscc, 'registration.label.uscc'),
  orgName: l(z.string().trim().min(2).max(100), 'registration.label.orgName'),
  districtCode: l(z.string().regex(/^\d{6}$/, 'field.unknownDistrict'), 'registration.label.districtCode'),
  contactName: l(displayName, 'registration.label.contactName'),
  email: l(email, 'registration.label.email'),
  phone: l(phoneText, 'registration.label.phone'),
  username: l(username, 'registration.label.username'),
  password: l(password, 'registration.label.password'),
});
export type RegistrationInput = z.output<typeof RegistrationInput>;

export const TokenBody = z.object({ token: l(z.string().min(10).max(200), 'registration.label.token') });
export const TokenParams = z.object({ token: l(z.string().min(10).max(200), 'registration.label.token') });

export const ClaimView = z
  .object({
    id: z.number().int(),
    uscc: z.string(),
    orgName: z.string(),
    districtCode: z.string(),
    contactName: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    username: z.string(),
    /** the directory's entry: the existing one the registrant claims, or the one created on confirmation */
    orgId: z.number().int().nullable(),
    status: ClaimStatusSchema,
    reason: z.string().nullable(),
    reviewerName: z.string().nullable(),
    createdAt: Timestamp,
    emailVerifiedAt: Timestamp.nullable(),
    decidedAt: Timestamp.nullable(),
  })
  .meta({ id: 'OrgClaim' });
export type ClaimView = z.infer<typeof ClaimView>;

export const SubmittedView = z.object({ claim: ClaimView });
/** The signed-in registrant's own latest claim (null when they have none). */
export const MyClaimView = z.object({ claim: ClaimView.nullable() });

export const ClaimListQuery = z.object({
  status: l(ClaimStatusSchema.optional(), 'registration.label.status'),
  district: l(
    z
      .string()
      .regex(/^\d{6}$/, 'field.unknownDistrict')
      .optional(),
    'registration.label.districtCode',
  ),
  page: l(queryInt(1, 10000).default(1), 'registration.label.page'),
  pageSize: l(queryInt(1, 100).default(20), 'registration.label.pageSize'),
});
export type ClaimListQuery = z.output<typeof ClaimListQuery>;
export const ClaimListView = z.object({ items: z.array(ClaimView), total: z.number().int() }).meta({ id: 'OrgClaimList' });

export const ClaimParams = z.object({ id: l(IdParam, 'field.label.id') });
export const RejectBody = z.object({ reason: l(z.string().trim().min(2).max(500), 'registration.label.reason') });

// ---- invitations

export const OrgParams = z.object({ orgId: l(IdParam, 'registration.label.orgId') });
export const InvitationParams = OrgParams.extend({ id: l(IdParam, 'field.label.id') });
export const InvitationInput = z.object({
  email: l(email, 'registration.label.email'),
  displayName: l(displayName, 'registration.label.displayName'),
});
export const AcceptInput = z.object({
  username: l(username, 'registration.label.username'),
  displayName: l(displayName, 'registration.label.displayName'),
  password: l(password, 'registration.label.password'),
});
export type AcceptInput = z.output<typeof AcceptInput>;

export const InvitationView = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    invitedByName: z.string().nullable(),
    createdAt: Timestamp,
    expiresAt: Timestamp,
  })
  .meta({ id: 'OrgInvitation' });
export const InvitationSentView = z.object({ invitation: InvitationView });
export const MemberView = z.object({ id: z.number().int(), displayName: z.string(), email: z.string().nullable() }).meta({ id: 'OrgMember' });
export const MembersView = z.object({ orgName: z.string(), members: z.array(MemberView), invitations: z.array(InvitationView) });
/** What the invited colleague sees before accepting. */
export const InvitationPreview = z.object({
  orgName: z.string(),
  invitedByName: z.string().nullable(),
  email: z.string(),
  displayName: z.string(),
  expiresAt: Timestamp,
});
export const AcceptedView = z.object({ username: z.string(), orgId: z.number().int() });

// ---- password recovery

export const ResetRequestInput = z.object({ login: l(z.string().trim().min(1).max(254), 'registration.label.login') });
export const ResetInput = z.object({
  token: l(z.string().min(10).max(200), 'registration.label.token'),
  password: l(password, 'registration.label.newPassword'),
});
export const AcceptedRequestView = z.object({ accepted: z.literal(true) });
