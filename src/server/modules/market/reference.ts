/**
 * The market's editable reference data: disciplines and industry fields, and the synonym list the
 * search expands queries with. Both are read on every search, so reads are cached; an edit clears
 * this process's cache at once, other app servers see it within the cache time (30 s).
 */
import type { Database, Queryable } from '../../platform/db/database.ts';
import { sql } from '../../platform/db/sql.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { recordHistory, type Actor } from '../../platform/history.ts';
import { fold } from '../../platform/text/fold.ts';
import { Cached } from '../../platform/cache.ts';

export interface TechField {
  code: string;
  kind: 'discipline' | 'industry';
  name: string;
  nameEn: string;
}

export interface SynonymGroup {
  id: number;
  terms: string[];
}

export class MarketReference {
  private readonly fieldsCache = new Cached(() => this.loadFields());
  private readonly synonymsCache = new Cached(() => this.loadSynonyms());

  constructor(private readonly db: Database) {}

  fields(): Promise<TechField[]> {
    return this.fieldsCache.get();
  }

  async fieldMap(): Promise<Map<string, TechField>> {
    return new Map((await this.fields()).map((f) => [f.code, f]));
  }

  /** Field errors for codes that are not of the expected kind. */
  async checkFields(codes: { path: string; code: string | null | undefined; kind: TechField['kind'] }[]) {
    const map = await this.fieldMap();
    return codes
      .filter((c) => c.code != null && map.get(c.code)?.kind !== c.kind)
      .map((c) => ({ path: c.path, key: c.kind === 'discipline' ? 'market.unknownDiscipline' : 'market.unknownIndustry', params: { value: c.code } }));
  }

  async updateField(code: string, input: { name: string; nameEn: string }, actor: Actor): Promise<TechField> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<TechField>(sql`SELECT code, kind, name, name_en AS "nameEn" FROM tech_fields WHERE code = ${code} FOR UPDATE`);
      if (!rows[0]) throw notFound('market.fieldNotFound');
      await tx.query(sql`UPDATE tech_fields SET name = ${input.name}, name_en = ${input.nameEn}, updated_at = now() WHERE code = ${code}`);
      await recordHistory(tx, { entityType: 'tech_field', entityId: code, action: 'update', actor, before: rows[0], after: { ...rows[0], ...input } });
    });
    this.fieldsCache.clear();
    return (await this.fieldMap()).get(code)!;
  }

  /** Synonym groups as folded word lists, for query expansion. Inside a transaction: read from it. */
  async synonymGroups(tx?: Queryable): Promise<string[][]> {
    return (await (tx ? this.loadSynonyms(tx) : this.synonymsCache.get())).map((g) => g.terms);
  }

  synonyms(): Promise<SynonymGroup[]> {
    return this.synonymsCache.get();
  }

  async saveSynonyms(id: number | null, terms: string[], actor: Actor): Promise<SynonymGroup> {
    const folded = [...new Set(terms.map((t) => fold(t)).filter(Boolean))];
    if (folded.length < 2) throw invalid([{ path: 'terms', key: 'market.synonymTooFew' }]);
    const saved = await this.db.transaction(async (tx) => {
      const before = id == null ? null : (await tx.query<SynonymGroup>(sql`SELECT id, terms FROM synonym_groups WHERE id = ${id} FOR UPDATE`)).rows[0];
      if (id != null && !before) throw notFound('market.synonymNotFound');
      const { rows } = await tx.query<SynonymGroup>(
        id == null
          ? sql`INSERT INTO synonym_groups (terms, updated_by) VALUES (${folded}::text[], ${actor.id}) RETURNING id, terms`
          : sql`UPDATE synonym_groups SET terms = ${folded}::text[], updated_by = ${actor.id}, updated_at = now() WHERE id = ${id} RETURNING id, terms`,
      );
      await recordHistory(tx, { entityType: 'synonym_group', entityId: rows[0].id, action: id == null ? 'create' : 'update', actor, before: before ?? null, after: rows[0] });
      return { id: Number(rows[0].id), terms: rows[0].terms };
    });
    this.synonymsCache.clear();
    return saved;
  }

  async deleteSynonyms(id: number, actor: Actor): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<SynonymGroup>(sql`DELETE FROM synonym_groups WHERE id = ${id} RETURNING id, terms`);
      if (!rows[0]) throw notFound('market.synonymNotFound');
      await recordHistory(tx, { entityType: 'synonym_group', entityId: id, action: 'delete', actor, before: rows[0], after: null });
    });
    this.synonymsCache.clear();
  }

  private async loadFields(): Promise<TechField[]> {
    const { rows } = await this.db.query<TechField>(sql`SELECT code, kind, name, name_en AS "nameEn" FROM tech_fields ORDER BY sort, code`);
    return rows;
  }

  private async loadSynonyms(db: Queryable = this.db): Promise<SynonymGroup[]> {
    const { rows } = await db.query<SynonymGroup>(sql`SELECT id, terms FROM synonym_groups ORDER BY id`);
    return rows.map((r) => ({ id: Number(r.id), terms: r.terms }));
  }
}
