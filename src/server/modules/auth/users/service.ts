/**
 * The city administrator's user management: create accounts, change their role and scope, disable and
 * unlock them. A change of role or scope, and disabling, ends the user's sessions (what they could do
 * is decided at each request from the account, but a session opened under the old role should not
 * outlive it). Every change is one audit entry naming what changed, from what to what.
 */
import type { Database } from '../../../platform/db/database.ts';
import { AppError, conflict } from '../../../platform/http/errors.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import type { Mailer } from '../../../platform/mail.ts';
import type { AuthService } from '../service.ts';
import type { CurrentUser, Role } from '../schemas.ts';
import { ManagedUserRepository, type ManagedUserRow } from './repository.ts';

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  email?: string | null;
  orgId?: number | null;
  districtCode?: string | null;
  password?: string;
}

export type UserChangesInput = Partial<Omit<NewUserInput, 'username' | 'password'>> & { disabled?: boolean };

/** A role needs its scope: a member its organization, a district office its district. */
function scopeProblems(role: Role, orgId: number | null, districtCode: string | null) {
  const fields = [];
  if (role === 'org_member' && orgId == null) fields.push({ path: 'orgId', key: 'auth.users.orgRequired' });
  if (role === 'district_admin' && !districtCode) fields.push({ path: 'districtCode', key: 'auth.users.districtRequired' });
  return fields;
}

/** PostgreSQL's refusals, as the field the user got wrong. */
function asFieldError(err: unknown): never {
  const e = err as { code?: string; constraint?: string; message?: string };
  const text = `${e.constraint ?? ''} ${e.message ?? ''}`;
  if (e.code === '23505' && /username/.test(text)) throw conflict('auth.users.usernameTaken', {}, [{ path: 'username', key: 'auth.users.usernameTaken' }]);
  if (e.code === '23505' && /email/.test(text)) throw conflict('auth.users.emailTaken', {}, [{ path: 'email', key: 'auth.users.emailTaken' }]);
  if (e.code === '23503' && /org/.test(text))
    throw new AppError(400, 'validation_failed', 'error.validation', {}, [{ path: 'orgId', key: 'auth.users.orgUnknown' }]);
  if (e.code === '23503' && /district/.test(text)) {
    throw new AppError(400, 'validation_failed', 'error.validation', {}, [{ path: 'districtCode', key: 'auth.users.districtUnknown' }]);
  }
  throw err;
}

export class UserAdminService {
  private readonly repo: ManagedUserRepository;

  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly mailer: Mailer,
    private readonly publicUrl: () => string,
  ) {
    this.repo = new ManagedUserRepository(db);
  }

  list(f: Parameters<ManagedUserRepository['list']>[0], page: { page: number; pageSize: number }) {
    return this.repo.list(f, { offset: (page.page - 1) * page.pageSize, limit: page.pageSize });
  }

  async get(id: number): Promise<ManagedUserRow> {
    const row = await this.repo.byId(id);
    if (!row) throw new AppError(404, 'not_found', 'auth.userNotFound');
    return row;
  }

  async create(input: NewUserInput, actor: CurrentUser): Promise<ManagedUserRow> {
    const orgId = input.role === 'org_member' ? (input.orgId ?? null) : null;
    const districtCode = input.role === 'district_admin' ? (input.districtCode ?? null) : null;
    const fields = scopeProblems(input.role, orgId, districtCode);
    if (!input.password && !input.email) fields.push({ path: 'email', key: 'auth.users.emailOrPassword' });
    if (fields.length) throw new AppError(400, 'validation_failed', 'error.validation', {}, fields);
    if (input.password) await this.auth.checkNewPassword(null, input.username, input.password);
    // without a password the account gets an unguessable one, and the user a link to choose their own
    const password = input.password ?? `${crypto.randomUUID()}Aa1!`;
    const { id, token } = await this.db.transaction(async (tx) => {
      const user = await this.auth
        .createUser(
          { username: input.username, password, role: input.role, displayName: input.displayName, orgId, districtCode, email: input.email ?? null },
          tx,
        )
        .catch(asFieldError);
      const link = input.password ? null : await this.auth.issueToken('reset_password', { userId: user.id, ttlMinutes: 72 * 60 }, tx);
      await recordAudit(tx, {
        type: 'auth.user_created',
        actor,
        districtCode,
        subject: { type: 'user', id: user.id },
        detail: { username: user.username, role: input.role, orgId, districtCode },
      });
      return { id: user.id, token: link };
    });
    if (token && input.email) {
      const url = `${this.publicUrl()}/reset-password?token=${encodeURIComponent(token)}`;
      await this.mailer.send({
        to: input.email,
        subject: '【科服通】您的账号已开通，请设置密码',
        text: `${input.displayName}，您好：\n\n科服通已为您开通账号「${input.username}」。请在 72 小时内打开下面的链接设置密码：\n${url}\n\n—\nYour Kefutong account "${input.username}" is ready. Open the link above within 72 hours to choose your password.\n`,
      });
    }
    return this.get(id);
  }

  async update(id: number, changes: UserChangesInput, actor: CurrentUser): Promise<ManagedUserRow> {
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await repo.forUpdate(id);
      if (!before) throw new AppError(404, 'not_found', 'auth.userNotFound');
      if (before.id === actor.id && (changes.disabled || (changes.role && changes.role !== before.role))) {
        throw new AppError(409, 'conflict', 'auth.users.notYourself');
      }
      const role = changes.role ?? before.role;
      const next = {
        displayName: changes.displayName ?? before.display_name,
        role,
        email: changes.email !== undefined ? changes.email : before.email,
        orgId: role === 'org_member' ? (changes.orgId !== undefined ? changes.orgId : before.org_id == null ? null : Number(before.org_id)) : null,
        districtCode: role === 'district_admin' ? (changes.districtCode !== undefined ? changes.districtCode : before.district_code) : null,
        disabled: changes.disabled ?? !!before.disabled_at,
      };
      const fields = scopeProblems(role, next.orgId, next.districtCode);
      if (fields.length) throw new AppError(400, 'validation_failed', 'error.validation', {}, fields);
      const was = {
        displayName: before.display_name,
        role: before.role,
        email: before.email,
        orgId: before.org_id == null ? null : Number(before.org_id),
        districtCode: before.district_code,
        disabled: !!before.disabled_at,
      };
      const changed = Object.fromEntries(
        (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== was[k]).map((k) => [k, { from: was[k], to: next[k] }]),
      );
      // nothing to change: nothing written, no audit entry
      if (!Object.keys(changed).length) return;
      await repo.update(id, { ...next, emailChanged: next.email !== was.email }).catch(asFieldError);
      const scopeChanged = ['role', 'orgId', 'districtCode', 'disabled'].some((k) => k in changed);
      const ended = scopeChanged ? await repo.endSessions(id) : 0;
      await recordAudit(tx, {
        type: next.disabled && !was.disabled ? 'auth.user_disabled' : 'role' in changed ? 'auth.user_role_changed' : 'auth.user_updated',
        actor,
        districtCode: next.districtCode ?? was.districtCode,
        subject: { type: 'user', id },
        detail: { username: before.username, changed, sessionsEnded: ended },
      });
    });
    return this.get(id);
  }

  async unlock(id: number, actor: CurrentUser): Promise<ManagedUserRow> {
    const row = await this.get(id);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).unlock(id, row.username);
      await recordAudit(tx, {
        type: 'auth.user_unlocked',
        actor,
        districtCode: row.district_code,
        subject: { type: 'user', id },
        detail: { username: row.username },
      });
    });
    return this.get(id);
  }
}
