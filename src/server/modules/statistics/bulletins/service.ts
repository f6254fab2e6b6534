/**
 * 统计信息发布: an office composes a period's bulletin from indicators and text (a working copy), previews the figures
 * the indicators hold now, and publishes it as a numbered, immutable version — the figures frozen as they are at that
 * moment, the PDF and xlsx rendered and kept with it. A correction publishes the working copy again as the next
 * version under the same number with a 更正 note; earlier versions stay readable. Every write keeps its history and
 * audit entry in its transaction.
 */
import type { Database } from '../../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { changedFields, recordHistory } from '../../../platform/history.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { publishEvent } from '../../../platform/events/outbox.ts';
import { actorOf, type CurrentUser } from '../../auth/index.ts';
import type { IndicatorView } from '../schemas.ts';
import { bulletinPdf, bulletinXlsx, type IssuedVersion } from './document.ts';
import { figureOf } from './figures.ts';
import { DEFAULT_NUMBER_RULE, formatNumber, prefixOf, type NumberRule } from './numbering.ts';
import { composableScopes, mayCite, mayComposeBulletin } from './policy.ts';
import { present, summary, versionView } from './presenter.ts';
import { BulletinRepository, type BulletinRow } from './repository.ts';
import type {
  BulletinFigure,
  BulletinInput,
  BulletinListQuery,
  BulletinPatch,
  BulletinSummary,
  BulletinVersionView,
  BulletinView,
  PublishInput,
} from './schemas.ts';

const SHANGHAI_MS = 8 * 3600_000;

/** What bulletins need from outside: the indicators as the statistics present them, district names, the PDF font. */
export interface BulletinDeps {
  indicators(ids: number[]): Promise<IndicatorView[]>;
  /** a current district's name (渝中区), null when the code names none */
  districtName(code: string): Promise<string | null>;
  fontPath(): string;
  /** the number's pattern and the city's prefix (config) */
  numbers?: NumberRule;
}

export interface LatestBulletin {
  id: number;
  number: string;
  title: string;
  period: string;
  version: number;
  publishedAt: Date;
}

export class BulletinService {
  private readonly repo: BulletinRepository;

  constructor(
    private readonly db: Database,
    private readonly deps: BulletinDeps,
  ) {
    this.repo = new BulletinRepository(db);
  }

  async listPublished(q: BulletinListQuery): Promise<{ items: BulletinSummary[]; total: number }> {
    const { rows, total } = await this.repo.published({ scope: q.scope, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    // the public sees what was published, never the working copy's title
    return { items: rows.map((r) => summary({ ...r, title: r.latestTitle, period: r.latestPeriod, pending: false }, r.publishedAt)), total };
  }

  /** The front page's slot: the latest publication (a correction counts: it is the current text). */
  async latest(): Promise<LatestBulletin | null> {
    const { rows } = await this.repo.published({ limit: 1, offset: 0 });
    const r = rows[0];
    return r ? { id: r.id, number: r.number!, title: r.latestTitle, period: r.latestPeriod, version: r.latestVersion, publishedAt: r.publishedAt } : null;
  }

  /** An office's bulletins, drafts included: the city office's all, a district office's its district's. */
  async workbench(user: CurrentUser): Promise<{ items: BulletinSummary[]; total: number }> {
    const scopes = composableScopes(user);
    if (scopes !== null && !scopes.length) throw forbidden('bulletin.officesOnly');
    const rows = await this.repo.ofScopes(scopes);
    return { items: rows.map((r) => summary(r, r.publishedAt)), total: rows.length };
  }

  async get(id: number, viewer: CurrentUser | null): Promise<BulletinView> {
    const row = await this.visible(id, viewer);
    return present(row, await this.repo.versions(id), mayComposeBulletin(viewer, row.scope));
  }

  async version(id: number, version: number, viewer: CurrentUser | null): Promise<BulletinVersionView> {
    const row = await this.visible(id, viewer);
    const v = (await this.repo.versions(id)).find((x) => x.version === version);
    if (!v) throw notFound('bulletin.versionNotFound', { version });
    return versionView(row, v);
  }

  /** A published version's PDF or xlsx, as it was rendered at publication. */
  async file(id: number, version: number, kind: 'pdf' | 'xlsx'): Promise<{ body: Buffer; number: string }> {
    const row = await this.repo.findById(id);
    const body = row?.number ? await this.repo.file(id, version, kind) : null;
    if (!row?.number || !body) throw notFound('bulletin.versionNotFound', { version });
    return { body, number: row.number };
  }

  /** The figures the working copy's indicators hold now: what publishing would freeze. */
  async preview(id: number, user: CurrentUser): Promise<{ figures: BulletinFigure[]; previewedAt: Date }> {
    const row = await this.find(id);
    if (!mayComposeBulletin(user, row.scope)) throw forbidden('bulletin.notYourScope');
    return { figures: await this.figures(row.indicatorIds, row.period), previewedAt: new Date() };
  }

  async create(input: BulletinInput, user: CurrentUser): Promise<BulletinView> {
    if (!mayComposeBulletin(user, input.scope)) throw forbidden(composableScopes(user)?.length === 0 ? 'bulletin.officesOnly' : 'bulletin.notYourScope');
    if (input.scope !== 'chongqing' && !(await this.deps.districtName(input.scope.slice('district:'.length))))
      throw invalid([{ path: 'scope', key: 'bulletin.unknownScope', params: { value: input.scope } }]);
    await this.checkIndicators(input.scope, input.indicatorIds);
    const copy = { period: input.period, title: input.title, lead: input.lead ?? '', sections: input.sections ?? [], indicatorIds: input.indicatorIds };
    const id = await this.db.transaction(async (tx) => {
      const id = await this.repo.with(tx).insert({ scope: input.scope, ...copy, by: user.id });
      await recordHistory(tx, {
        entityType: 'bulletin',
        entityId: id,
        action: 'created',
        actor: actorOf(user),
        before: null,
        after: { scope: input.scope, ...copy },
      });
      await recordAudit(tx, {
        type: 'statistics.bulletin_created',
        actor: user,
        districtCode: districtOf(input.scope),
        subject: { type: 'bulletin', id },
        detail: { scope: input.scope, period: input.period, title: input.title },
      });
      return id;
    });
    return this.get(id, user);
  }

  /** Changes the working copy: a draft's, or after publication the correction being prepared (the versions stay). */
  async update(id: number, patch: BulletinPatch, user: CurrentUser): Promise<BulletinView> {
    const current = await this.find(id);
    if (!mayComposeBulletin(user, current.scope)) throw forbidden('bulletin.notYourScope');
    const { version, ...fields } = patch;
    if (version !== current.version) throw conflict('bulletin.versionConflict', { current: current.version });
    if (fields.indicatorIds) await this.checkIndicators(current.scope, fields.indicatorIds);
    const changed = changedFields(current, fields);
    if (!changed.length) return this.get(id, user);
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const locked = await repo.findById(id, true);
      if (!locked || locked.version !== version) throw conflict('bulletin.versionConflict', { current: locked?.version ?? 0 });
      const next = {
        period: fields.period ?? locked.period,
        title: fields.title ?? locked.title,
        lead: fields.lead ?? locked.lead,
        sections: fields.sections ?? locked.sections,
        indicatorIds: fields.indicatorIds ?? locked.indicatorIds,
      };
      await repo.update(id, next);
      const pick = (o: object) => Object.fromEntries(changed.map((k) => [k, (o as Record<string, unknown>)[k]]));
      await recordHistory(tx, { entityType: 'bulletin', entityId: id, action: 'updated', actor: actorOf(user), before: pick(locked), after: pick(next) });
      await recordAudit(tx, {
        type: 'statistics.bulletin_updated',
        actor: user,
        districtCode: districtOf(locked.scope),
        subject: { type: 'bulletin', id },
        detail: { fields: changed, number: locked.number },
      });
    });
    return this.get(id, user);
  }

  /**
   * Publishes the working copy: the first time with a new number (the scope's next of the year), later as a
   * correction (更正) under the same number, which needs its note. The figures are read now and frozen in the
   * version with the rendered PDF and xlsx.
   */
  async publish(id: number, input: PublishInput, user: CurrentUser): Promise<BulletinView> {
    const current = await this.find(id);
    if (!mayComposeBulletin(user, current.scope)) throw forbidden('bulletin.notYourScope');
    // a stale copy first: whether a note is needed depends on what was published since
    if (input.version !== current.version) throw conflict('bulletin.versionConflict', { current: current.version });
    const correcting = current.latestVersion > 0;
    if (correcting && !input.correctionNote) throw invalid([{ path: 'correctionNote', key: 'bulletin.noteRequired' }]);
    if (!correcting && input.correctionNote) throw invalid([{ path: 'correctionNote', key: 'bulletin.noteOnlyForCorrection' }]);
    // read through the pool before the transaction: inside it, PGlite (one connection) would wait for it
    await this.checkIndicators(current.scope, current.indicatorIds);
    const figures = await this.figures(current.indicatorIds, current.period);
    const districtName = current.scope === 'chongqing' ? null : await this.deps.districtName(current.scope.slice('district:'.length));
    const fontPath = this.deps.fontPath();
    await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const locked = await repo.findById(id, true);
      if (!locked || locked.version !== input.version) throw conflict('bulletin.versionConflict', { current: locked?.version ?? 0 });
      const at = new Date();
      const year = Number(new Date(at.getTime() + SHANGHAI_MS).toISOString().slice(0, 4));
      const seq = locked.number ? 0 : await repo.nextSequence(locked.scope, year);
      const rule = this.deps.numbers ?? DEFAULT_NUMBER_RULE;
      const number = locked.number ?? formatNumber(prefixOf(locked.scope, districtName, rule), year, seq, rule);
      const version = locked.latestVersion + 1;
      const issued: IssuedVersion = {
        number,
        issuer: districtName ? `${districtName}科技主管部门` : '重庆市科学技术局',
        title: locked.title,
        period: locked.period,
        lead: locked.lead,
        sections: locked.sections,
        figures,
        version,
        correctionNote: correcting ? input.correctionNote! : null,
        publishedAt: at,
      };
      const [pdf, xlsx] = await Promise.all([bulletinPdf(issued, fontPath), bulletinXlsx(issued)]);
      await repo.insertVersion({ bulletinId: id, ...issued, by: user.id, pdf, xlsx });
      await repo.markPublished(id, { version, number, numberYear: year, numberSeq: seq, at });
      const action = correcting ? 'corrected' : 'published';
      await recordHistory(tx, {
        entityType: 'bulletin',
        entityId: id,
        action,
        actor: actorOf(user),
        before: null,
        after: {
          number,
          version,
          correctionNote: issued.correctionNote,
          figures: figures.map((f) => ({ indicatorId: f.indicatorId, value: f.value, period: f.period })),
        },
      });
      // webhooks (the administrators' subscriptions: a bulletin names no organization) and anything that announces it
      await publishEvent(tx, {
        type: `bulletin.${action}`,
        aggregateType: 'bulletin',
        aggregateId: id,
        payload: { id, number, version, scope: locked.scope, title: locked.title, period: locked.period, correctionNote: issued.correctionNote },
        actorId: user.id,
      });
      await recordAudit(tx, {
        type: `statistics.bulletin_${action}`,
        actor: user,
        districtCode: districtOf(locked.scope),
        subject: { type: 'bulletin', id },
        detail: { number, version, title: locked.title, ...(correcting ? { correctionNote: issued.correctionNote } : {}) },
      });
    });
    return this.get(id, user);
  }

  private async figures(ids: number[], period: string): Promise<BulletinFigure[]> {
    const found = new Map((await this.deps.indicators(ids)).map((i) => [i.id, i]));
    return ids.flatMap((id) => (found.has(id) ? [figureOf(found.get(id)!, period)] : []));
  }

  /** Every chosen indicator exists and is one this bulletin may cite (policy.ts mayCite). */
  private async checkIndicators(scope: string, ids: number[]): Promise<void> {
    const found = new Map((await this.deps.indicators(ids)).map((i) => [i.id, i]));
    const problems = ids.flatMap((id, n): FieldError[] => {
      const i = found.get(id);
      if (!i) return [{ path: `indicatorIds.${n}`, key: 'bulletin.unknownIndicator', params: { value: id } }];
      if (!mayCite(scope, i.scope)) return [{ path: `indicatorIds.${n}`, key: 'bulletin.indicatorOutOfScope', params: { name: i.nameZh, scope: i.scope } }];
      return [];
    });
    if (problems.length) throw invalid(problems);
  }

  /** A published bulletin for everyone; a draft only for those who may compose it (others get 404, not 403). */
  private async visible(id: number, viewer: CurrentUser | null): Promise<BulletinRow> {
    const row = await this.find(id);
    if (row.latestVersion === 0 && !mayComposeBulletin(viewer, row.scope)) throw notFound('bulletin.notFound');
    return row;
  }

  private async find(id: number): Promise<BulletinRow> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('bulletin.notFound');
    return row;
  }
}

const districtOf = (scope: string) => (scope.startsWith('district:') ? scope.slice('district:'.length) : null);
