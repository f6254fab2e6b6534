/** Accounts as the API takes and gives them. ROLES is the one list of roles (server, OpenAPI, web). */
import { z } from 'zod';
import { IdParam } from '../../platform/http/fields.ts';
import { labelled } from '../../platform/http/validation.ts';
import { Timestamp } from '../../platform/http/contract.ts';

export const ROLES = ['admin', 'district_admin', 'org_member', 'station_staff'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z
  .enum(ROLES)
  .meta({ id: 'Role', description: 'admin 市级管理员, district_admin 区县管理员, org_member 机构用户, station_staff 技术合同登记站工作人员' });

export const Credentials = z.object({
  username: labelled(z.string().trim().min(1).max(64), 'auth.label.username'),
  password: labelled(z.string().min(1).max(256), 'auth.label.password'),
  /** the six-digit code of the authenticator app, for an account with a second factor */
  code: labelled(z.string().trim().max(10), 'auth.label.code').optional(),
});

export const PasswordChange = z.object({
  currentPassword: labelled(z.string().min(1).max(256), 'auth.label.currentPassword'),
  newPassword: labelled(z.string().min(1).max(256), 'auth.label.newPassword'),
});

export const SessionView = z
  .object({
    id: z.number().int(),
    createdAt: Timestamp,
    lastSeenAt: Timestamp,
    expiresAt: Timestamp,
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    /** the session this request came with */
    current: z.boolean(),
  })
  .meta({ id: 'Session' });
export const SessionsView = z.object({ items: z.array(SessionView) });
export const RevokedView = z.object({ revoked: z.number().int() });

export const TotpSetupView = z.object({
  /** base32, for typing into an authenticator app by hand */
  secret: z.string(),
  /** otpauth:// URI, for a QR code */
  uri: z.string(),
});
export const TotpCode = z.object({
  code: labelled(
    z
      .string()
      .trim()
      .regex(/^\d{6}$/),
    'auth.label.code',
  ),
});
export const SecurityView = z.object({
  totpEnabled: z.boolean(),
  /** whether this account may turn on a second factor (office roles) */
  totpOffered: z.boolean(),
  passwordPolicy: z.object({ minLength: z.number().int(), minClasses: z.number().int(), history: z.number().int() }),
});

export const UserView = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    orgId: z.number().int().nullable(),
    districtCode: z.string().nullable(),
  })
  .meta({ id: 'User' });

/** The signed-in user as the rest of the server sees it. Anonymous callers have none. */
export type CurrentUser = z.infer<typeof UserView>;

export const SignedInView = z.object({ user: UserView });
/** Signed in or not, both are answers: an anonymous caller gets `{ user: null }`, not an error. */
export const MeView = z.object({ user: UserView.nullable() });
export const DemoAccountsView = z.object({
  /** the demo accounts' shared password; null when the server is not in demo mode */
  password: z.string().nullable(),
  accounts: z.array(z.object({ username: z.string(), role: RoleSchema })),
});

/** `/…/:id` (the platform's id rules apply: decimal, positive) */
export const IdParams = z.object({ id: labelled(IdParam, 'field.label.id') });
