/**
 * The optional second factor (TOTP) of office accounts: set up (a secret not yet in force), turned on
 * by a first correct code, turned off by a correct code. Sign-in then asks for the code (service.ts).
 */
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { CurrentUser } from './schemas.ts';
import type { UserRepository } from './repository.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.ts';
import { isOffice } from './policy.ts';

export class SecondFactor {
  constructor(
    private readonly db: Database,
    private readonly repo: UserRepository,
  ) {}

  async setup(user: CurrentUser): Promise<{ secret: string; uri: string }> {
    if (!isOffice(user)) throw new AppError(403, 'forbidden', 'auth.totpOfficeOnly');
    const row = await this.repo.byId(user.id);
    if (row?.totp_enabled_at) throw new AppError(409, 'totp_already_enabled', 'auth.totpAlreadyEnabled');
    const secret = newTotpSecret();
    await this.repo.setTotp(user.id, secret, false);
    return { secret, uri: otpauthUri(secret, user.username) };
  }

  async enable(user: CurrentUser, code: string): Promise<void> {
    const row = await this.repo.byId(user.id);
    if (!row?.totp_secret) throw new AppError(409, 'totp_not_set_up', 'auth.totpNotSetUp');
    if (!verifyTotp(row.totp_secret, code)) throw new AppError(400, 'validation_failed', 'error.validation', {}, [{ path: 'code', key: 'auth.totpInvalid' }]);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).setTotp(user.id, row.totp_secret, true);
      await recordAudit(tx, { type: 'auth.totp_enabled', actor: user, districtCode: user.districtCode, subject: { type: 'user', id: user.id } });
    });
  }

  async disable(user: CurrentUser, code: string): Promise<void> {
    const row = await this.repo.byId(user.id);
    if (!row?.totp_enabled_at || !row.totp_secret) throw new AppError(409, 'totp_not_enabled', 'auth.totpNotEnabled');
    if (!verifyTotp(row.totp_secret, code)) throw new AppError(400, 'validation_failed', 'error.validation', {}, [{ path: 'code', key: 'auth.totpInvalid' }]);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).setTotp(user.id, null, false);
      await recordAudit(tx, { type: 'auth.totp_disabled', actor: user, districtCode: user.districtCode, subject: { type: 'user', id: user.id } });
    });
  }

  async enabled(userId: number): Promise<boolean> {
    return !!(await this.repo.byId(userId))?.totp_enabled_at;
  }
}
