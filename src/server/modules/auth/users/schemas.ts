/** The city administrator's user management, as the API takes and gives it. */
import { z } from 'zod';
import { labelled } from '../../../platform/http/validation.ts';
import { Timestamp } from '../../../platform/http/contract.ts';
import { emailText } from '../../../platform/http/fields.ts';
import { RoleSchema } from '../schemas.ts';

const L = (k: string) => `auth.users.label.${k}`;

export const USER_STATUSES = ['active', 'disabled', 'locked'] as const;

export const NewUser = z.object({
  username: labelled(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/),
    'auth.label.username',
  ),
  displayName: labelled(z.string().trim().min(1).max(100), L('displayName')),
  role: labelled(RoleSchema, L('role')),
  email: labelled(emailText, L('email')),
  orgId: labelled(z.number().int().positive(), L('orgId')).nullable().optional(),
  districtCode: labelled(z.string().regex(/^\d{6}$/), L('districtCode'))
    .nullable()
    .optional(),
  /** optional: without one, the user is emailed a link to choose their own */
  password: labelled(z.string().min(1).max(256), 'auth.label.password').optional(),
});

export const UserChanges = z.object({
  displayName: labelled(z.string().trim().min(1).max(100), L('displayName')).optional(),
  role: labelled(RoleSchema, L('role')).optional(),
  email: labelled(emailText, L('email')),
  orgId: labelled(z.number().int().positive(), L('orgId')).nullable().optional(),
  districtCode: labelled(z.string().regex(/^\d{6}$/), L('districtCode'))
    .nullable()
    .optional(),
  disabled: labelled(z.boolean(), L('disabled')).optional(),
});

export const UserQuery = z.object({
  q: labelled(z.string().trim().max(64), L('q')).optional(),
  role: labelled(RoleSchema, L('role')).optional(),
  status: labelled(z.enum(USER_STATUSES), L('status')).optional(),
  page: labelled(z.coerce.number().int().min(1).max(10000), L('page')).default(1),
  pageSize: labelled(z.coerce.number().int().min(1).max(200), L('pageSize')).default(20),
});

export const ManagedUserView = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    email: z.string().nullable(),
    emailVerified: z.boolean(),
    orgId: z.number().int().nullable(),
    districtCode: z.string().nullable(),
    status: z.enum(USER_STATUSES),
    lockedUntil: Timestamp.nullable(),
    totpEnabled: z.boolean(),
    createdAt: Timestamp,
    /** when the user last signed in (their newest session), if they have one open */
    lastSeenAt: Timestamp.nullable(),
  })
  .meta({ id: 'ManagedUser' });

export const ManagedUserList = z.object({ total: z.number().int(), items: z.array(ManagedUserView) });
