/**
 * The auth module's face: accounts, sessions, the role guard and the shared predicates every module's
 * policy builds on. app.ts mounts it first (the guard puts `req.user` on every request).
 */
import './messages.ts';
import './users/messages.ts';
import './sso/messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import type { SecurityConfig } from '../../config.ts';
import { AUTH_TABLES } from './tables.ts';
import { AuthService } from './service.ts';
import { authGuard } from './guard.ts';
import { authRoutes, type DemoAccounts } from './routes.ts';
import { accountRoutes } from './account-routes.ts';
import { UserAdminService } from './users/service.ts';
import { userAdminRoutes } from './users/routes.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { OidcConfig } from '../../config.ts';
import type { OrgByUscc } from './sso/accounts.ts';
import { SsoLinks } from './sso/links.ts';
import { ssoRoutes } from './sso/routes.ts';
import { SsoService } from './sso/service.ts';

export { AuthService, hashPassword } from './service.ts';
export { requireUser, requireRole, requireAllowed, SESSION_COOKIE, setSessionCookie } from './guard.ts';
export { ROLES, RoleSchema, UserView, type CurrentUser, type Role } from './schemas.ts';
export { actorOf } from './actor.ts';
export { isAdmin, isDistrictAdmin, actsFor, editsForOrg, administersDistrict, isOffice } from './policy.ts';
export { userJoin, type TokenPurpose } from './repository.ts';
export type { DemoAccounts } from './routes.ts';
export type { OrgByUscc } from './sso/accounts.ts';

export class AuthModule implements ModuleFace {
  readonly name = 'auth';
  readonly tables = AUTH_TABLES;
  readonly service: AuthService;
  readonly users: UserAdminService;
  readonly sso: SsoService;
  readonly ssoLinks: SsoLinks;

  constructor(
    db: Database,
    private readonly opts: {
      security: SecurityConfig;
      cookieSecure: boolean;
      demo: DemoAccounts | null;
      mailer: Mailer;
      publicUrl: () => string;
      /** single sign-on: the provider (null = off) and the directory's USCC lookup */
      oidc: OidcConfig | null;
      orgByUscc: OrgByUscc;
    },
  ) {
    this.service = new AuthService(db, opts.security);
    this.users = new UserAdminService(db, this.service, opts.mailer, opts.publicUrl);
    this.sso = new SsoService(db, this.service, opts.oidc, opts.orgByUscc);
    this.ssoLinks = new SsoLinks(db, opts.oidc?.issuer ?? null);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(authGuard, { auth: this.service });
    await app.register(authRoutes, { auth: this.service, cookieSecure: this.opts.cookieSecure, demo: this.opts.demo });
    await app.register(accountRoutes, { auth: this.service });
    await app.register(userAdminRoutes, { users: this.users });
    await app.register(ssoRoutes, { sso: this.sso, links: this.ssoLinks, cookieSecure: this.opts.cookieSecure });
  }
}
