/**
 * The registration module's face: organizations register themselves (an account and a claim, the email
 * proved by a link), the district's office confirms or rejects the claim, confirmed members invite
 * colleagues, and anyone with an account resets a forgotten password by an emailed link.
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import type { ModuleFace } from '../../platform/module.ts';
import type { AuthService } from '../auth/index.ts';
import type { DirectoryService } from '../directory/index.ts';
import { REGISTRATION_TABLES } from './tables.ts';
import { RegistrationMail } from './mail.ts';
import { RegistrationService } from './service.ts';
import { InvitationService } from './invitations/service.ts';
import { RecoveryService } from './recovery/service.ts';
import { registrationRoutes } from './routes.ts';
import { invitationRoutes } from './invitations/routes.ts';
import { recoveryRoutes } from './recovery/routes.ts';

export { RegistrationService } from './service.ts';

export class RegistrationModule implements ModuleFace {
  readonly name = 'registration';
  readonly tables = REGISTRATION_TABLES;
  readonly registrations: RegistrationService;
  readonly invitations: InvitationService;
  readonly recovery: RecoveryService;

  constructor(db: Database, auth: AuthService, directory: DirectoryService, deps: { mailer: Mailer; publicUrl: string; log: (line: string) => void }) {
    const mail = new RegistrationMail(deps.mailer, deps.publicUrl, deps.log);
    this.registrations = new RegistrationService(db, auth, directory, mail);
    this.invitations = new InvitationService(db, auth, directory, mail);
    this.recovery = new RecoveryService(db, auth, mail);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(registrationRoutes, { registrations: this.registrations });
    await app.register(invitationRoutes, { invitations: this.invitations });
    await app.register(recoveryRoutes, { recovery: this.recovery });
  }
}
