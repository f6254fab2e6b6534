/** SQL on the market's vocabulary: tech_fields and synonym_groups. */
import type { Queryable } from '../../../platform/db/database.ts';
import { sql } from '../../../platform/db/sql.ts';
import type { SynonymGroup, TechField } from './schemas.ts';

export class VocabularyRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): VocabularyRepository {
    return new VocabularyRepository(tx);
  }

  async fields(): Promise<TechField[]> {
    const { rows } = await this.db.query<TechField>(sql`SELECT code, kind, name, name_en AS "nameEn" FROM tech_fields ORDER BY sort, code`);
    return rows;
  }

  async lockField(code: string): Promise<TechField | undefined> {
    const { rows } = await this.db.query<TechField>(sql`SELECT code, kind, name, name_en AS "nameEn" FROM tech_fields WHERE code = ${code} FOR UPDATE`);
    return rows[0];
  }

  async renameField(code: string, input: { name: string; nameEn: string }): Promise<void> {
    await this.db.query(sql`UPDATE tech_fields SET name = ${input.name}, name_en = ${input.nameEn}, updated_at = now() WHERE code = ${code}`);
  }

  async synonyms(): Promise<SynonymGroup[]> {
    const { rows } = await this.db.query<SynonymGroup>(sql`SELECT id, terms FROM synonym_groups ORDER BY id`);
    return rows.map((r) => ({ id: Number(r.id), terms: r.terms }));
  }

  async lockSynonyms(id: number): Promise<SynonymGroup | undefined> {
    return (await this.db.query<SynonymGroup>(sql`SELECT id, terms FROM synonym_groups WHERE id = ${id} FOR UPDATE`)).rows[0];
  }

  async insertSynonyms(terms: string[], userId: number | null): Promise<SynonymGroup> {
    const { rows } = await this.db.query<SynonymGroup>(
      sql`INSERT INTO synonym_groups (terms, updated_by) VALUES (${terms}::text[], ${userId}) RETURNING id, terms`,
    );
    return { id: Number(rows[0].id), terms: rows[0].terms };
  }

  async updateSynonyms(id: number, terms: string[], userId: number | null): Promise<SynonymGroup> {
    const { rows } = await this.db.query<SynonymGroup>(
      sql`UPDATE synonym_groups SET terms = ${terms}::text[], updated_by = ${userId}, updated_at = now() WHERE id = ${id} RETURNING id, terms`,
    );
    return { id: Number(rows[0].id), terms: rows[0].terms };
  }

  async deleteSynonyms(id: number): Promise<SynonymGroup | undefined> {
    return (await this.db.query<SynonymGroup>(sql`DELETE FROM synonym_groups WHERE id = ${id} RETURNING id, terms`)).rows[0];
  }
}
