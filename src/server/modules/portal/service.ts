/**
 * 通知公告: offices post notices on the portal's front page. The city office posts city-wide ones; a district office
 * posts for its district and edits only its own. Every write keeps its history and an audit entry in its transaction.
 */
import type { Database } from '../../platform/db/database.ts';
import { conflict, forbidden, notFound } from '../../platform/http/errors.ts';
import { changedFields, listHistory, recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { actorOf, type CurrentUser } from '../auth/index.ts';
import { mayEditNotice, mayPostNotice } from './policy.ts';
import { NoticeRepository, type NoticeRow } from './repository.ts';
import type { NoticeInput, NoticeListQuery, NoticePatch, NoticeView } from './schemas.ts';

export class NoticeService {
  private readonly repo: NoticeRepository;

  constructor(private readonly db: Database) {
    this.repo = new NoticeRepository(db);
  }

  async list(q: NoticeListQuery, viewer: CurrentUser | null): Promise<{ items: NoticeView[]; total: number }> {
    const { rows, total } = await this.repo.list({ district: q.district, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map((r) => present(r, viewer)), total };
  }

  /** The newest notices, as rows (the front page presents them for each viewer). */
  async newest(n: number): Promise<NoticeRow[]> {
    return (await this.repo.list({ limit: n, offset: 0 })).rows;
  }

  async get(id: number, viewer: CurrentUser | null): Promise<NoticeView> {
    return present(await this.find(id), viewer);
  }

  history(id: number) {
    return listHistory(this.db, 'notice', id);
  }

  async assertMayEdit(id: number, user: CurrentUser): Promise<void> {
    if (!mayEditNotice(user, await this.find(id))) throw forbidden('notice.notYours');
  }

  async create(input: NoticeInput, user: CurrentUser): Promise<NoticeView> {
    if (!mayPostNotice(user)) throw forbidden('notice.officesOnly');
    // the city office posts city-wide; a district office for its own district
    const districtCode = user.role === 'district_admin' ? (user.districtCode ?? null) : null;
    if (user.role === 'district_admin' && !districtCode) throw forbidden('notice.officesOnly');
    const id = await this.db.transaction(async (tx) => {
      const id = await this.repo.with(tx).insert({ title: input.title, body: input.body, link: input.link ?? null, districtCode, by: user.id });
      await recordHistory(tx, { entityType: 'notice', entityId: id, action: 'created', actor: actorOf(user), before: null, after: input });
      await recordAudit(tx, { type: 'portal.notice_posted', actor: user, districtCode, subject: { type: 'notice', id }, detail: { title: input.title } });
      return id;
    });
    return this.get(id, user);
  }

  async update(id: number, patch: NoticePatch, user: CurrentUser): Promise<NoticeView> {
    const current = await this.find(id);
    if (!mayEditNotice(user, current)) throw forbidden('notice.notYours');
    const { version, ...fields } = patch;
    if (version !== current.version) throw conflict('notice.versionConflict', { current: current.version });
    const changed = changedFields(current, fields);
    if (!changed.length) return present(current, user);
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const locked = await repo.findById(id, true);
      if (!locked || locked.version !== version) throw conflict('notice.versionConflict', { current: locked?.version ?? 0 });
      const next = { title: fields.title ?? locked.title, body: fields.body ?? locked.body, link: fields.link === undefined ? locked.link : fields.link };
      await repo.update(id, next);
      const before = Object.fromEntries(changed.map((k) => [k, (locked as unknown as Record<string, unknown>)[k]]));
      const after = Object.fromEntries(changed.map((k) => [k, (next as Record<string, unknown>)[k]]));
      await recordHistory(tx, { entityType: 'notice', entityId: id, action: 'updated', actor: actorOf(user), before, after });
      await recordAudit(tx, {
        type: 'portal.notice_updated',
        actor: user,
        districtCode: locked.districtCode,
        subject: { type: 'notice', id },
        detail: { fields: changed },
      });
    });
    return this.get(id, user);
  }

  async remove(id: number, user: CurrentUser): Promise<void> {
    const current = await this.find(id);
    if (!mayEditNotice(user, current)) throw forbidden('notice.notYours');
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).delete(id);
      await recordHistory(tx, { entityType: 'notice', entityId: id, action: 'deleted', actor: actorOf(user), before: { title: current.title }, after: null });
      await recordAudit(tx, {
        type: 'portal.notice_deleted',
        actor: user,
        districtCode: current.districtCode,
        subject: { type: 'notice', id },
        detail: { title: current.title },
      });
    });
  }

  private async find(id: number): Promise<NoticeRow> {
    const found = await this.repo.findById(id);
    if (!found) throw notFound('notice.notFound');
    return found;
  }
}

export function present(r: NoticeRow, viewer: CurrentUser | null): NoticeView {
  return { ...r, can: { edit: mayEditNotice(viewer, r) } };
}
