/**
 * The catalogue's rules: who may create and edit which instrument (its owner organization's members
 * and city admins), references must exist, every change keeps its history and emits an event, and
 * the catalogue search with its availability filter.
 */
import type { Database } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { listHistory, recordHistory } from '../../platform/history.ts';
import { publishEvent } from '../../platform/events/outbox.ts';
import { parseTextQuery } from '../../platform/text/search-sql.ts';
import { actorOf, type CurrentUser } from '../auth/index.ts';
import type { ReferenceService } from '../reference/index.ts';
import type { DirectoryService } from '../directory/index.ts';
import { InstrumentRepository, type Instrument } from './repository.ts';
import { searchCatalogue, textMatchesAny, type CatalogueFilters } from './catalogue/repository.ts';
import { instrumentCalendar } from './catalogue/availability-sql.ts';
import type { ExceptionInput, InstrumentInput, InstrumentListQuery, InstrumentPatch } from './schemas.ts';


export interface InstrumentListResult {
  items: (Instrument & { freeSlots?: { start: Date; end: Date }[]; longestFreeHours?: number })[];
  total: number;
  page: number;
  pageSize: number;
  fuzzy: boolean;
  facets: { class: { code: string; count: number }[]; district: { code: string; count: number }[] };
}

/** Owner organization's members and city admins manage an instrument. */
export function mayManage(user: CurrentUser | null, ownerOrgId: number): boolean {
  return !!user && (user.role === 'admin' || (user.role === 'org_member' && user.orgId === ownerOrgId));
}

/**
 * Does the instrument's sharing mode let the viewer book it? A members-only instrument is for its owner
 * organization's members alone; an anonymous visitor counts as an outsider (what they could book once signed in).
 */
export function sharingAdmits(viewer: CurrentUser | null, i: Pick<Instrument, 'sharingMode' | 'ownerOrgId'>): boolean {
  return i.sharingMode !== 'members' || (!!viewer && viewer.orgId === i.ownerOrgId);
}

export class InstrumentService {
  readonly repo: InstrumentRepository;

  constructor(
    private readonly db: Database,
    private readonly reference: ReferenceService,
    private readonly directory: DirectoryService,
  ) {
    this.repo = new InstrumentRepository(db);
  }

  async get(id: number): Promise<Instrument> {
    const found = await this.repo.findById(id);
    if (!found) throw notFound('instrument.notFound');
    return found;
  }

  /** The catalogue; with a time window, only instruments the viewer may book (see `sharingAdmits`). */
  async list(q: InstrumentListQuery, viewer: CurrentUser | null = null): Promise<InstrumentListResult> {
    const districts = q.district?.length ? (await Promise.all(q.district.map((d) => this.reference.rollUp(d)))).flat() : undefined;
    const f: CatalogueFilters = {
      text: parseTextQuery(q.q),
      classes: q.class,
      districts,
      owner: q.owner,
      kinds: q.kind,
      sharingModes: q.sharingMode,
      statuses: q.status,
      priceMin: q.priceMin,
      priceMax: q.priceMax,
      free: q.freeFrom && q.freeTo ? { from: q.freeFrom, to: q.freeTo, minMinutes: q.minHours ? Math.round(q.minHours * 60) : null, viewerOrgId: viewer?.orgId ?? null } : undefined,
    };
    const sort = q.sort ?? (f.text ? 'relevance' : 'name');
    const offset = (q.page - 1) * q.pageSize;
    let fuzzy = false;
    let page = await searchCatalogue(this.db, f, sort, q.pageSize, offset, false);
    // "Did you mean": the words match nothing at all — perhaps an input-method typo; try pinyin.
    if (page.total === 0 && f.text && !(await textMatchesAny(this.db, f.text))) {
      const fuzzyPage = await searchCatalogue(this.db, f, sort, q.pageSize, offset, true);
      if (fuzzyPage.total > 0) {
        page = fuzzyPage;
        fuzzy = true;
      }
    }
    const instruments = await this.repo.findByIds(page.hits.map((h) => h.id));
    const byId = new Map(page.hits.map((h) => [h.id, h]));
    return {
      items: instruments.map((i) => {
        const h = byId.get(i.id)!;
        return h.freeSlots ? { ...i, freeSlots: h.freeSlots, longestFreeHours: h.longestFreeHours ?? 0 } : i;
      }),
      total: page.total,
      page: q.page,
      pageSize: q.pageSize,
      fuzzy,
      facets: page.facets,
    };
  }

  async create(input: InstrumentInput, user: CurrentUser): Promise<Instrument> {
    const ownerOrgId = this.ownerFor(input.ownerOrgId, user);
    const { className, ownerName, districtCode } = await this.checkReferences({ ...input, ownerOrgId });
    const record = { ...input, ownerOrgId, districtCode };
    const id = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const id = await repo.insert(record, className, ownerName);
      const after = await repo.findById(id);
      await recordHistory(tx, { entityType: 'instrument', entityId: id, action: 'create', actor: actorOf(user), before: null, after });
      await publishEvent(tx, { type: 'instrument.created', aggregateType: 'instrument', aggregateId: id, payload: { id, ownerOrgId, classCode: input.classCode }, actorId: user.id });
      return id;
    });
    return this.get(id);
  }

  async update(id: number, patch: InstrumentPatch, user: CurrentUser): Promise<Instrument> {
    const current = await this.get(id);
    if (!mayManage(user, current.ownerOrgId)) throw forbidden('instrument.notOwner');
    if (patch.ownerOrgId != null && patch.ownerOrgId !== current.ownerOrgId && user.role !== 'admin') throw forbidden('instrument.notOwner');
    const { version, ...changes } = patch;
    const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as InstrumentInput & { ownerOrgId: number };
    const { className, ownerName, districtCode } = await this.checkReferences(merged);
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await repo.findById(id, true);
      if (!before) throw notFound('instrument.notFound');
      if (version != null && version !== before.version) throw conflict('instrument.versionConflict', { current: before.version });
      await repo.update(id, { ...merged, districtCode }, className, ownerName);
      const after = await repo.findById(id);
      await recordHistory(tx, { entityType: 'instrument', entityId: id, action: 'update', actor: actorOf(user), before, after });
      await publishEvent(tx, { type: 'instrument.updated', aggregateType: 'instrument', aggregateId: id, payload: { id, status: after?.status }, actorId: user.id });
    });
    return this.get(id);
  }

  history(id: number) {
    return listHistory(this.db, 'instrument', id);
  }

  /** Which organization a new instrument belongs to: a member's own; an admin names it. */
  private ownerFor(requested: number | undefined, user: CurrentUser): number {
    if (user.role === 'org_member') {
      if (requested != null && requested !== user.orgId) throw forbidden('instrument.notOwner');
      return user.orgId!;
    }
    if (user.role !== 'admin') throw forbidden();
    if (requested == null) throw invalid([{ path: 'ownerOrgId', key: 'field.required' }]);
    return requested;
  }

  private async checkReferences(x: InstrumentInput & { ownerOrgId: number }): Promise<{ className: string; ownerName: string; districtCode: string | null }> {
    const fields: FieldError[] = [];
    const classes = await this.repo.classes();
    const cls = classes.find((c) => c.code === x.classCode);
    if (!cls) fields.push({ path: 'classCode', key: 'instrument.unknownClass', params: { value: x.classCode } });
    const owner = await this.directory.repo.findById(x.ownerOrgId);
    if (!owner) fields.push({ path: 'ownerOrgId', key: 'instrument.unknownOwner', params: { value: x.ownerOrgId } });
    const districtCode = x.districtCode ?? owner?.districtCode ?? null;
    if (x.districtCode && !(await this.reference.divisions()).some((d) => d.code === x.districtCode)) {
      fields.push({ path: 'districtCode', key: 'field.unknownDistrict', params: { value: x.districtCode } });
    }
    if (fields.length) throw invalid(fields);
    return { className: cls!.nameZh, ownerName: owner!.name, districtCode };
  }

  /** Adds or renames an instrument class (reference data), keeping its history like any other change. */
  async saveClass(code: string, c: { nameZh: string; nameEn: string; sortOrder?: number }, user: CurrentUser) {
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = (await repo.classes()).find((x) => x.code === code) ?? null;
      await repo.upsertClass(code, c);
      const after = (await repo.classes()).find((x) => x.code === code) ?? null;
      await recordHistory(tx, { entityType: 'instrument_class', entityId: code, action: before ? 'update' : 'create', actor: actorOf(user), before, after });
    });
    return this.repo.classes();
  }

  // ---------------------------------------------------------------- calendar, exceptions, qualifications, photos

  async availability(id: number, from: Date, to: Date, viewer: CurrentUser | null) {
    await this.get(id);
    const cal = await instrumentCalendar(this.db, id, from, to);
    return {
      instrumentId: id,
      from,
      to,
      open: cal.open,
      closed: cal.closed,
      // who booked is nobody else's business: only "taken", and "mine" for the viewer's own
      busy: cal.busy.map((b) => ({ start: b.start, end: b.end, status: b.status, mine: !!viewer && b.userId === viewer.id, bookingId: viewer && b.userId === viewer.id ? b.bookingId : undefined })),
      free: cal.free,
    };
  }

  async assertManager(id: number, user: CurrentUser): Promise<Instrument> {
    const instrument = await this.get(id);
    if (!mayManage(user, instrument.ownerOrgId)) throw forbidden('instrument.notOwner');
    return instrument;
  }

  async exceptions(id: number) {
    await this.get(id);
    return this.repo.exceptions(id);
  }

  async addException(id: number, e: ExceptionInput, user: CurrentUser) {
    await this.assertManager(id, user);
    return this.db.transaction(async (tx) => {
      const exceptionId = await this.repo.with(tx).addException(id, e);
      await recordHistory(tx, { entityType: 'instrument', entityId: id, action: 'exception.add', actor: actorOf(user), before: null, after: { exceptionId, ...e } });
      await publishEvent(tx, { type: 'instrument.calendarChanged', aggregateType: 'instrument', aggregateId: id, payload: { exceptionId, kind: e.kind }, actorId: user.id });
      return { id: exceptionId, kind: e.kind, start: e.start, end: e.end, reason: e.reason ?? null };
    });
  }

  async deleteException(id: number, exceptionId: number, user: CurrentUser) {
    await this.assertManager(id, user);
    await this.db.transaction(async (tx) => {
      const before = (await this.repo.with(tx).exceptions(id)).find((e) => e.id === exceptionId);
      if (!before || !(await this.repo.with(tx).deleteException(id, exceptionId))) throw notFound('instrument.exceptionNotFound');
      await recordHistory(tx, { entityType: 'instrument', entityId: id, action: 'exception.delete', actor: actorOf(user), before, after: null });
    });
  }

  async qualifications(id: number, user: CurrentUser) {
    await this.assertManager(id, user);
    return this.repo.qualifications(id);
  }

  async grant(id: number, username: string, user: CurrentUser) {
    await this.assertManager(id, user);
    const { rows } = await this.db.query<{ id: number }>(sql`SELECT id FROM users WHERE username = ${username} AND disabled_at IS NULL`);
    if (!rows[0]) throw invalid([{ path: 'username', key: 'instrument.unknownUser', params: { value: username } }]);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).grant(id, rows[0].id, user.id);
      await recordHistory(tx, { entityType: 'instrument', entityId: id, action: 'qualification.grant', actor: actorOf(user), before: null, after: { userId: rows[0].id, username } });
    });
    return this.repo.qualifications(id);
  }

  async revoke(id: number, userId: number, user: CurrentUser) {
    await this.assertManager(id, user);
    await this.db.transaction(async (tx) => {
      if (!(await this.repo.with(tx).revoke(id, userId))) throw notFound('instrument.qualificationNotFound');
      await recordHistory(tx, { entityType: 'instrument', entityId: id, action: 'qualification.revoke', actor: actorOf(user), before: { userId }, after: null });
    });
  }

  async addPhoto(id: number, contentType: string, data: Buffer, user: CurrentUser) {
    await this.assertManager(id, user);
    const photoId = await this.repo.addPhoto(id, contentType, data);
    await recordHistory(this.db, { entityType: 'instrument', entityId: id, action: 'photo.add', actor: actorOf(user), before: null, after: { photoId, contentType, bytes: data.length } });
    return { id: photoId };
  }

  async deletePhoto(id: number, photoId: number, user: CurrentUser) {
    await this.assertManager(id, user);
    if (!(await this.repo.deletePhoto(id, photoId))) throw notFound('instrument.photoNotFound');
    await recordHistory(this.db, { entityType: 'instrument', entityId: id, action: 'photo.delete', actor: actorOf(user), before: { photoId }, after: null });
  }
}
