/**
 * The market's editable vocabulary: disciplines and industry fields, and the synonym list the search
 * expands queries with. Both are read on every search, so reads are cached; an edit clears this
 * process's cache at once, other app servers see it within the cache time (30 s).
 */
import type { Database, Queryable } from '../../../platform/db/database.ts';
import { forbidden, invalid, notFound, type FieldError } from '../../../platform/http/errors.ts';
import { recordHistory } from '../../../platform/history.ts';
import { recordAudit } from '../../../platform/audit/index.ts';
import { fold } from '../../../platform/text/fold.ts';
import { Cached } from '../../../platform/cache.ts';
import { actorOf, type CurrentUser } from '../../auth/index.ts';
import { mayEditVocabulary } from '../policy.ts';
import { VocabularyRepository } from './repository.ts';
import type { SynonymGroup, TechField, TechFieldInput } from './schemas.ts';

export class VocabularyService {
  private readonly repo: VocabularyRepository;
  private readonly fieldsCache = new Cached(() => this.repo.fields());
  private readonly synonymsCache = new Cached(() => this.repo.synonyms());

  constructor(private readonly db: Database) {
    this.repo = new VocabularyRepository(db);
  }

  fields(): Promise<TechField[]> {
    return this.fieldsCache.get();
  }

  async fieldMap(): Promise<Map<string, TechField>> {
    return new Map((await this.fields()).map((f) => [f.code, f]));
  }

  /** Field errors for codes that are not of the expected kind. */
  async checkFields(codes: { path: string; code: string | null | undefined; kind: TechField['kind'] }[]): Promise<FieldError[]> {
    const map = await this.fieldMap();
    return codes
      .filter((c) => c.code != null && map.get(c.code)?.kind !== c.kind)
      .map((c) => ({ path: c.path, key: c.kind === 'discipline' ? 'market.unknownDiscipline' : 'market.unknownIndustry', params: { value: c.code } }));
  }

  async updateField(code: string, input: TechFieldInput, user: CurrentUser): Promise<TechField> {
    if (!mayEditVocabulary(user)) throw forbidden();
    await this.db.transaction(async (tx) => {
      const before = await this.repo.with(tx).lockField(code);
      if (!before) throw notFound('market.fieldNotFound');
      await this.repo.with(tx).renameField(code, input);
      await recordHistory(tx, { entityType: 'tech_field', entityId: code, action: 'update', actor: actorOf(user), before, after: { ...before, ...input } });
      await recordAudit(tx, {
        type: 'market.tech_field_updated',
        actor: user,
        subject: { type: 'tech_field', id: code },
        detail: { before, after: { ...before, ...input } },
      });
    });
    this.fieldsCache.clear();
    return (await this.fieldMap()).get(code)!;
  }

  /** Synonym groups as folded word lists, for query expansion. Inside a transaction: read from it. */
  async synonymGroups(tx?: Queryable): Promise<string[][]> {
    return (await (tx ? this.repo.with(tx).synonyms() : this.synonymsCache.get())).map((g) => g.terms);
  }

  synonyms(): Promise<SynonymGroup[]> {
    return this.synonymsCache.get();
  }

  async saveSynonyms(id: number | null, terms: string[], user: CurrentUser): Promise<SynonymGroup> {
    if (!mayEditVocabulary(user)) throw forbidden();
    const folded = [...new Set(terms.map((t) => fold(t)).filter(Boolean))];
    if (folded.length < 2) throw invalid([{ path: 'terms', key: 'market.synonymTooFew' }]);
    const actor = actorOf(user);
    const saved = await this.db.transaction(async (tx) => {
      const repo = this.repo.with(tx);
      const before = id == null ? null : await repo.lockSynonyms(id);
      if (id != null && !before) throw notFound('market.synonymNotFound');
      const group = id == null ? await repo.insertSynonyms(folded, actor.id) : await repo.updateSynonyms(id, folded, actor.id);
      await recordHistory(tx, {
        entityType: 'synonym_group',
        entityId: group.id,
        action: id == null ? 'create' : 'update',
        actor,
        before: before ?? null,
        after: group,
      });
      await recordAudit(tx, {
        type: 'market.synonyms_saved',
        actor: user,
        subject: { type: 'synonym_group', id: group.id },
        detail: { before: before ?? null, after: group },
      });
      return group;
    });
    this.synonymsCache.clear();
    return saved;
  }

  async deleteSynonyms(id: number, user: CurrentUser): Promise<void> {
    if (!mayEditVocabulary(user)) throw forbidden();
    await this.db.transaction(async (tx) => {
      const before = await this.repo.with(tx).deleteSynonyms(id);
      if (!before) throw notFound('market.synonymNotFound');
      await recordHistory(tx, { entityType: 'synonym_group', entityId: id, action: 'delete', actor: actorOf(user), before, after: null });
      await recordAudit(tx, { type: 'market.synonyms_deleted', actor: user, subject: { type: 'synonym_group', id }, detail: { before } });
    });
    this.synonymsCache.clear();
  }
}
