/** Single sign-on as the API takes and gives it. */
import { z } from 'zod';
import { IdParam } from '../../../platform/http/fields.ts';
import { Timestamp } from '../../../platform/http/contract.ts';
import { labelled } from '../../../platform/http/validation.ts';

const L = (key: string) => `sso.label.${key}`;

/** Why a sign-in through the provider did not open a session: the login page shows each as a sentence. */
export const SSO_ERRORS = [
  'unavailable',
  'denied',
  'state_mismatch',
  'provider_error',
  'email_not_verified',
  'no_account',
  'account_disabled',
  'provision_refused',
] as const;
export type SsoError = (typeof SSO_ERRORS)[number];

export const SsoStatusView = z.object({
  enabled: z.boolean(),
  /** the provider's name for the button; absent = the default 统一身份认证 */
  name: z.string().optional(),
});

export const StartQuery = z.object({
  returnTo: labelled(z.string().max(2000), L('returnTo')).optional(),
});

/** What the provider sends back; every field optional, since an answer may be an error or forged. */
export const CallbackQuery = z.looseObject({
  code: z.string().max(4000).optional(),
  state: z.string().max(500).optional(),
  error: z.string().max(200).optional(),
  iss: z.string().max(2000).optional(),
});

/** A browser is sent elsewhere (Location); there is no body. */
export const RedirectResponse = z.null().describe('重定向 Redirect (see the Location header)');

export const LinkInput = z.object({
  issuer: labelled(z.url({ protocol: /^https?$/ }).max(2000), L('issuer')).optional(),
  subject: labelled(z.string().trim().min(1).max(255), L('subject')),
});

export const LinkView = z
  .object({
    id: z.number().int(),
    issuer: z.string(),
    subject: z.string(),
    email: z.string().nullable(),
    linkedBy: z.enum(['email', 'admin', 'provisioned']).meta({ description: 'email 按已验证邮箱, admin 管理员关联, provisioned 首次登录时创建' }),
    createdAt: Timestamp,
    lastLoginAt: Timestamp.nullable(),
  })
  .meta({ id: 'SsoLink' });
export const LinkListView = z.object({ items: z.array(LinkView) });

export const UserIdParams = z.object({ id: labelled(IdParam, L('userId')) });
export const LinkParams = UserIdParams.extend({ linkId: labelled(IdParam, L('linkId')) });
