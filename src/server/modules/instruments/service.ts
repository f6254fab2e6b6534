/**
 * The instruments' rules: who may register and edit which instrument (policy.ts), references must
 * exist, every change keeps its history and emits an event in its own transaction; the calendar's
 * exceptions, training qualifications and photos of an instrument are its managers'. The catalogue
 * search and calendars are catalogue/service.ts.
 */
import type { Database } from '../../platform/db/database.ts';
import { AppError, badRequest, conflict, forbidden, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { changedFields, listHistory, recordHistories, recordHistory } from '../../platform/history.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { publishEvent, publishEvents } from '../../platform/events/outbox.ts';
import { detectUpload, IMAGE_KINDS, type UploadRule } from '../../platform/files/uploads.ts';
import { actorOf, type AuthService, type CurrentUser } from '../auth/index.ts';
import type { ReferenceService } from '../reference/index.ts';
import type { DirectoryService, Org } from '../directory/index.ts';
import { InstrumentRepository, type Instrument } from './repository.ts';
import { isInternalUser, mayChooseOwner, mayEditClasses, mayManageInstrument, mayRegisterInstruments } from './policy.ts';
import type { ExceptionInput, InstrumentInput, InstrumentPatch } from './schemas.ts';

const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const PHOTO_RULE: UploadRule = {
  kinds: IMAGE_KINDS,
  kindsKey: 'file.kinds.images',
  labelKey: 'file.label.photo',
  refuse: { code: 'bad_photo', key: 'file.typeNotAllowed' },
};

/** Reference data for checking many instruments at once. */
interface ReferenceLookups {
  classes: { code: string; nameZh: string }[];
  divisions: Set<string>;
  owners: Map<number, Org | null>;
}

export class InstrumentService {
  readonly repo: InstrumentRepository;

  constructor(
    private readonly db: Database,
    private readonly reference: ReferenceService,
    private readonly directory: DirectoryService,
    private readonly auth: AuthService,
  ) {
    this.repo = new InstrumentRepository(db);
  }

  async get(id: number): Promise<Instrument> {
    const found = await this.repo.findById(id);
    if (!found) throw notFound('instrument.notFound');
    return found;
  }

  /** The instrument with whether the viewer may use it: trained, or not needing training, or one of the owner's own. */
  async detail(id: number, viewer: CurrentUser | null): Promise<Instrument & { qualified: boolean }> {
    const instrument = await this.get(id);
    const qualified = viewer
      ? !instrument.needsTraining || isInternalUser(viewer, instrument) || (await this.repo.isQualified(instrument.id, viewer.id))
      : false;
    return { ...instrument, qualified };
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
      await publishEvent(tx, {
        type: 'instrument.created',
        aggregateType: 'instrument',
        aggregateId: id,
        payload: { id, ownerOrgId, classCode: input.classCode },
        actorId: user.id,
      });
      return id;
    });
    return this.get(id);
  }

  /**
   * Many new instruments in one transaction (the demo catalogue at first start): the same checks as create —
   * references looked up once for all — and the same history entry and `instrument.created` event per
   * instrument, written in bulk. All or nothing. Returns the new ids in the order given.
   */
  async createMany(inputs: InstrumentInput[], user: CurrentUser): Promise<number[]> {
    if (!inputs.length) return [];
    const lookups: ReferenceLookups = {
      classes: await this.repo.classes(),
      divisions: new Set((await this.reference.divisions()).map((d) => d.code)),
      owners: new Map(),
    };
    const records: { x: InstrumentInput & { ownerOrgId: number }; className: string; ownerName: string }[] = [];
    for (const input of inputs) {
      const ownerOrgId = this.ownerFor(input.ownerOrgId, user);
      const { className, ownerName, districtCode } = await this.checkReferences({ ...input, ownerOrgId }, lookups);
      records.push({ x: { ...input, ownerOrgId, districtCode }, className, ownerName });
    }
    return this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const ids: number[] = [];
      // ≤ 200 rows a statement: 38 parameters a row stay well under PostgreSQL's 65,535
      for (let i = 0; i < records.length; i += 200) ids.push(...(await repo.insertMany(records.slice(i, i + 200))));
      const after = await repo.findByIds(ids);
      const actor = actorOf(user);
      await recordHistories(
        tx,
        after.map((a) => ({ entityType: 'instrument', entityId: a.id, action: 'create', actor, before: null, after: a })),
      );
      await publishEvents(
        tx,
        after.map((a) => ({
          type: 'instrument.created',
          aggregateType: 'instrument',
          aggregateId: a.id,
          payload: { id: a.id, ownerOrgId: a.ownerOrgId, classCode: a.classCode },
          actorId: user.id,
        })),
      );
      return ids;
    });
  }

  async update(id: number, patch: InstrumentPatch, user: CurrentUser): Promise<Instrument> {
    const current = await this.get(id);
    if (!mayManageInstrument(user, current)) throw forbidden('instrument.notOwner');
    if (patch.ownerOrgId != null && patch.ownerOrgId !== current.ownerOrgId && !mayChooseOwner(user)) throw forbidden('instrument.notOwner');
    const { version, ...changes } = patch;
    // a stale version is refused even when nothing would change; an edit that changes nothing writes nothing
    // (no version, history entry or event)
    if (version != null && version !== current.version) throw conflict('instrument.versionConflict', { current: current.version });
    if (!changedFields(current, changes).length) return current;
    const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as InstrumentInput & {
      ownerOrgId: number;
    };
    const { className, ownerName, districtCode } = await this.checkReferences(merged);
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = await repo.findById(id, true);
      if (!before) throw notFound('instrument.notFound');
      if (version != null && version !== before.version) throw conflict('instrument.versionConflict', { current: before.version });
      await repo.update(id, { ...merged, districtCode }, className, ownerName);
      const after = await repo.findById(id);
      await recordHistory(tx, { entityType: 'instrument', entityId: id, action: 'update', actor: actorOf(user), before, after });
      await publishEvent(tx, {
        type: 'instrument.updated',
        aggregateType: 'instrument',
        aggregateId: id,
        payload: { id, status: after?.status },
        actorId: user.id,
      });
    });
    return this.get(id);
  }

  /** The instrument's change history, for its managers. */
  async history(id: number, user: CurrentUser) {
    await this.assertManager(id, user);
    const items = await listHistory(this.db, 'instrument', id);
    return { items, total: items.length };
  }

  /** Which organization a new instrument belongs to: a member's own; an admin names it. */
  private ownerFor(requested: number | undefined, user: CurrentUser): number {
    if (!mayRegisterInstruments(user)) throw forbidden();
    if (!mayChooseOwner(user)) {
      if (requested != null && requested !== user.orgId) throw forbidden('instrument.notOwner');
      return user.orgId!;
    }
    if (requested == null) throw invalid([{ path: 'ownerOrgId', key: 'field.required' }]);
    return requested;
  }

  /** The owner organization as the directory has it, or null when there is none of that id. */
  async owner(orgId: number): Promise<Org | null> {
    return this.directory.get(orgId).catch((err: unknown) => {
      if (err instanceof AppError && err.status === 404) return null;
      throw err;
    });
  }

  /** lookups: reference data read once for many checks (createMany); without it each check reads its own. */
  private async checkReferences(
    x: InstrumentInput & { ownerOrgId: number },
    lookups?: ReferenceLookups,
  ): Promise<{ className: string; ownerName: string; districtCode: string | null }> {
    const fields: FieldError[] = [];
    const classes = lookups?.classes ?? (await this.repo.classes());
    const cls = classes.find((c) => c.code === x.classCode);
    if (!cls) fields.push({ path: 'classCode', key: 'instrument.unknownClass', params: { value: x.classCode } });
    let owner = lookups?.owners.get(x.ownerOrgId);
    if (owner === undefined) {
      owner = await this.owner(x.ownerOrgId);
      lookups?.owners.set(x.ownerOrgId, owner);
    }
    if (!owner) fields.push({ path: 'ownerOrgId', key: 'instrument.unknownOwner', params: { value: x.ownerOrgId } });
    const districtCode = x.districtCode ?? owner?.districtCode ?? null;
    const knownDistrict = async (code: string) => lookups?.divisions.has(code) ?? (await this.reference.divisions()).some((d) => d.code === code);
    if (x.districtCode && !(await knownDistrict(x.districtCode))) {
      fields.push({ path: 'districtCode', key: 'field.unknownDistrict', params: { value: x.districtCode } });
    }
    if (fields.length) throw invalid(fields);
    return { className: cls!.nameZh, ownerName: owner!.name, districtCode };
  }

  /** Adds or renames an instrument class (reference data), keeping its history like any other change. */
  async saveClass(code: string, c: { nameZh: string; nameEn: string; sortOrder?: number }, user: CurrentUser) {
    if (!mayEditClasses(user)) throw forbidden();
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = (await repo.classes()).find((x) => x.code === code) ?? null;
      await repo.upsertClass(code, c);
      const after = (await repo.classes()).find((x) => x.code === code) ?? null;
      await recordHistory(tx, { entityType: 'instrument_class', entityId: code, action: before ? 'update' : 'create', actor: actorOf(user), before, after });
      await recordAudit(tx, { type: 'instruments.class_saved', actor: user, subject: { type: 'instrument_class', id: code }, detail: { before, after } });
    });
    return this.repo.classes();
  }

  // ---------------------------------------------------------------- calendar, exceptions, qualifications, photos

  async assertManager(id: number, user: CurrentUser): Promise<Instrument> {
    const instrument = await this.get(id);
    if (!mayManageInstrument(user, instrument)) throw forbidden('instrument.notOwner');
    return instrument;
  }

  async exceptions(id: number) {
    await this.get(id);
    return this.repo.exceptions(id);
  }

  classes() {
    return this.repo.classes();
  }

  async photo(photoId: number): Promise<{ contentType: string; data: Buffer }> {
    const photo = await this.repo.photo(photoId);
    if (!photo) throw notFound('instrument.photoNotFound');
    return photo;
  }

  async addException(id: number, e: ExceptionInput, user: CurrentUser) {
    await this.assertManager(id, user);
    return this.db.transaction(async (tx) => {
      const exceptionId = await this.repo.with(tx).addException(id, e);
      await recordHistory(tx, {
        entityType: 'instrument',
        entityId: id,
        action: 'exception.add',
        actor: actorOf(user),
        before: null,
        after: { exceptionId, ...e },
      });
      await publishEvent(tx, {
        type: 'instrument.calendarChanged',
        aggregateType: 'instrument',
        aggregateId: id,
        payload: { exceptionId, kind: e.kind },
        actorId: user.id,
      });
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
    const userId = await this.auth.activeUserId(username);
    if (userId == null) throw invalid([{ path: 'username', key: 'instrument.unknownUser', params: { value: username } }]);
    await this.db.transaction(async (tx) => {
      await this.repo.with(tx).grant(id, userId, user.id);
      await recordHistory(tx, {
        entityType: 'instrument',
        entityId: id,
        action: 'qualification.grant',
        actor: actorOf(user),
        before: null,
        after: { userId, username },
      });
      await recordAudit(tx, { type: 'instruments.qualification_granted', actor: user, subject: { type: 'instrument', id }, detail: { userId, username } });
    });
    return this.repo.qualifications(id);
  }

  async revoke(id: number, userId: number, user: CurrentUser) {
    await this.assertManager(id, user);
    await this.db.transaction(async (tx) => {
      if (!(await this.repo.with(tx).revoke(id, userId))) throw notFound('instrument.qualificationNotFound');
      await recordHistory(tx, {
        entityType: 'instrument',
        entityId: id,
        action: 'qualification.revoke',
        actor: actorOf(user),
        before: { userId },
        after: null,
      });
      await recordAudit(tx, { type: 'instruments.qualification_revoked', actor: user, subject: { type: 'instrument', id }, detail: { userId } });
    });
  }

  /** A photo upload (multipart `file`): JPEG, PNG or WebP up to 5 MB, for the instrument's managers. */
  async addPhoto(id: number, file: { filename: string; toBuffer(): Promise<Buffer> } | undefined, user: CurrentUser) {
    if (!file) throw badRequest('no_file', 'instrument.photoMissing');
    const data = await file.toBuffer();
    if (data.length > PHOTO_MAX_BYTES) throw badRequest('bad_photo', 'instrument.photoTooLarge', { limit: '5 MB' });
    await this.assertManager(id, user);
    // the bytes decide, not the declared type (an SVG sent as image/png is refused)
    const { contentType } = await detectUpload(data, file.filename, PHOTO_RULE);
    const photoId = await this.repo.addPhoto(id, contentType, data);
    await recordHistory(this.db, {
      entityType: 'instrument',
      entityId: id,
      action: 'photo.add',
      actor: actorOf(user),
      before: null,
      after: { photoId, contentType, bytes: data.length },
    });
    return { id: photoId };
  }

  async deletePhoto(id: number, photoId: number, user: CurrentUser) {
    await this.assertManager(id, user);
    if (!(await this.repo.deletePhoto(id, photoId))) throw notFound('instrument.photoNotFound');
    await recordHistory(this.db, { entityType: 'instrument', entityId: id, action: 'photo.delete', actor: actorOf(user), before: { photoId }, after: null });
  }
}
