/**
 * SQL of matching: the word statistics, the candidates by key terms (stage 2) over each kind of
 * supply and demand, the facts each kind is ranked by, the demand side's feedback and the alerts.
 * The directory's organizations and the instruments are read through their owners' fragments
 * (orgsTable, orgJoin, instrumentsTable, openToOutsiders); the table names stay with their owners.
 */
import type { Queryable } from '../../../platform/db/database.ts';
import { empty, sql, type Sql } from '../../../platform/db/sql.ts';
import { orgJoin, orgsTable } from '../../directory/index.ts';
import { instrumentsTable, openToOutsiders } from '../../instruments/index.ts';
import type { MatchKind, Maturity, TechManagerGrade, Verdict } from '../schemas.ts';
import { TUNING, type WeightedTerm } from './scoring.ts';

const CANDIDATES = 300;
const PER_PROBE = 1_500;

/** A table to find candidates in: `table` names an alias `x` with a search_document column, `where` narrows it. */
export interface CandidateSource {
  table: Sql;
  where: Sql;
  /** word statistics are the achievements': elsewhere a word no achievement uses may still be a rare, telling word */
  probeUnseen: boolean;
  /**
   * How much a shared word counts by the field it is in (the search document's weight labels A–D):
   * a word among an achievement's keywords says more about its subject than one in its abstract.
   * Without it every field counts fully.
   */
  fields?: FieldFactors;
  /**
   * A table of word → ids of the records `where` admits, a few rows a word (term, bucket, ids; bucket -1: a
   * word too common to keep a list of): a probe then reads a few rows a word, not one heap row a hit. Words
   * without a row are in no such record (but those a bulk SQL load added in the last seconds: migration 0039).
   */
  postings?: Sql;
}

/**
 * The share of a word's weight a record gets for having it among its subject's words (the search document's
 * labels A, title, and B, keywords) and for having it only elsewhere (C, abstract, and D).
 */
export type FieldFactors = { subject: number; other: number };

/** Achievements: keywords and title name the subject, the abstract also says much else. */
export const ACHIEVEMENT_FIELDS = (): FieldFactors => ({ subject: 1, other: TUNING.abstract });

/** Where each kind of result is looked for. */
export const SOURCES = {
  achievements: (): CandidateSource => ({
    table: sql`achievements x`,
    where: sql`x.status = 'published'`,
    probeUnseen: false,
    fields: ACHIEVEMENT_FIELDS(),
    postings: sql`achievement_postings`,
  }),
  experts: (): CandidateSource => ({ table: sql`experts x`, where: sql`x.status = 'active'`, probeUnseen: true }),
  /** directory organizations offering R&D, transfer, testing, IP or information services, other than the demand's own */
  providers: (notOrgId: number): CandidateSource => ({
    table: orgsTable('x'),
    where: sql`x.categories && '{rd,transfer,testing,ip,info}'::text[] AND x.id <> ${notOrgId}`,
    probeUnseen: true,
  }),
  instruments: (): CandidateSource => ({ table: instrumentsTable('x'), where: openToOutsiders('x'), probeUnseen: true }),
  demands: (notOrgId: number): CandidateSource => ({
    table: sql`demands x`,
    where: sql`x.status = 'published' AND x.org_id <> ${notOrgId}`,
    probeUnseen: true,
  }),
  enterprises: (notOrgId: number): CandidateSource => ({
    table: orgsTable('x'),
    where: sql`'enterprise' = ANY(x.kinds) AND x.id <> ${notOrgId}`,
    probeUnseen: true,
  }),
};

export interface Candidate {
  id: number;
  /** the weight of the key terms it shares (the text's own words) */
  textScore: number;
  /** the weight of the related terms it shares (pseudo-relevance feedback) */
  relatedScore: number;
  /** the text's own words it shares, heaviest first */
  shared: string[];
  /** the related words it shares, heaviest first */
  sharedRelated: string[];
}

/**
 * The candidates of a bounded pass: records already found (`ids`, scored again with the new terms)
 * and at most `extra` others that the terms marked `probe` find, each probe reading at most `perProbe`.
 */
export interface CandidatePool {
  ids: number[];
  extra: number;
  perProbe?: number;
}

export class MatchRepository {
  constructor(private readonly db: Queryable) {}

  with(tx: Queryable): MatchRepository {
    return new MatchRepository(tx);
  }

  /**
   * Moves the achievements waiting for the word lists into them (migration 0039); how many it moved, 0 when
   * none waited or another transaction is moving them.
   */
  async mergeWaitingPostings(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(sql`SELECT achievement_postings_merge() AS n`);
    return Number(rows[0]?.n ?? 0);
  }

  /** N and the document frequency of each word among achievements. */
  async documentFrequencies(terms: string[]): Promise<{ n: number; df: Map<string, number> }> {
    const { rows } = await this.db.query<{ term: string; df: number }>(
      sql`SELECT term, df FROM achievement_term_df WHERE term = ANY(${['', ...terms]}::text[])`,
    );
    const df = new Map(rows.map((r) => [r.term, Number(r.df)]));
    return { n: Math.max(1, df.get('') ?? 1), df };
  }

  /**
   * Stage 2: the records sharing the most weight of key terms. Rare words find candidates, one index
   * probe each (when every word is common, the two heaviest together); then every key word, common
   * ones too, scores the few hundred found, from each record's own lexemes.
   */
  async candidatesByTerms(terms: WeightedTerm[], source: CandidateSource, limit = CANDIDATES, pool?: CandidatePool): Promise<Candidate[]> {
    if (!terms.length) return [];
    const { table, where, fields } = source;
    terms = source.probeUnseen ? terms.map((t) => (t.df === 0 ? { ...t, probe: true } : t)) : terms;
    const probes = terms.filter((t) => t.probe);
    const common = [...terms].sort((a, b) => b.weight - a.weight).slice(0, 2);
    // at most PER_PROBE records a word: a word rare among achievements may be common in this table
    const textProbe = (perProbe: number, only: Sql = sql`true`) =>
      sql`SELECT x.id AS x_id FROM ${table} WHERE ${only} AND x.search_document @@ (quote_literal(w.term))::tsquery AND ${where} LIMIT ${perProbe}`;
    // with postings, a word's list when it has one (the text index only for a word too common to list)
    const hits = (perProbe: number) =>
      source.postings
        ? sql`w CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM ${source.postings} m WHERE m.term = w.term AND m.bucket = -1) AS unlisted) l
            CROSS JOIN LATERAL (
              (SELECT u.x_id FROM ${source.postings} p CROSS JOIN LATERAL unnest(p.ids) u(x_id)
               WHERE NOT l.unlisted AND p.term = w.term AND p.bucket >= 0 ORDER BY p.bucket LIMIT ${perProbe})
              UNION ALL (${textProbe(perProbe, sql`l.unlisted`)})) c`
        : sql`w CROSS JOIN LATERAL (${textProbe(perProbe)}) c`;
    const probe = (perProbe: number, notIn: Sql, top: number) =>
      sql`SELECT c.x_id AS id FROM ${hits(perProbe)} WHERE w.probe ${notIn} GROUP BY c.x_id ORDER BY sum(w.weight) DESC, c.x_id LIMIT ${top}`;
    const found = pool
      ? // a bounded pass: the records found before, and at most pool.extra new ones that the probe words find
        probes.length && pool.extra > 0
        ? sql`SELECT unnest(${pool.ids}::bigint[]) AS id UNION ALL (${probe(pool.perProbe ?? PER_PROBE, sql`AND NOT (c.x_id = ANY(${pool.ids}::bigint[]))`, pool.extra)})`
        : sql`SELECT unnest(${pool.ids}::bigint[]) AS id`
      : probes.length
        ? probe(PER_PROBE, empty, limit)
        : sql`SELECT x.id FROM ${table} WHERE x.search_document @@ to_tsquery('simple', ${common.map((t) => `'${t.term}'`).join(' & ')}) AND ${where} LIMIT ${limit}`;
    // each record's lexemes as plain words, and with field factors its subject's words once a record (the title's
    // and keywords' labels): unnest of a tsvector with its labels built an array a lexeme, twice the time of the
    // whole join at 200,000; the factor is then tested only for the few words a record shares
    // (OFFSET 0: else the planner folds the subquery into the expression and filters the document for every shared word)
    const subject = fields ? sql`CROSS JOIN LATERAL (SELECT tsvector_to_array(ts_filter(x.search_document, '{a,b}')) AS words OFFSET 0) subject` : empty;
    const factor = fields ? sql`CASE WHEN lex.term = ANY(subject.words) THEN ${fields.subject}::float8 ELSE ${fields.other}::float8 END` : sql`1::float8`;
    const { rows } = await this.db.query<{ id: number; own: number; related: number; shared: string[]; shared_related: string[] }>(sql`
      WITH w(term, weight, probe, related) AS (SELECT * FROM unnest(${terms.map((t) => t.term)}::text[], ${terms.map((t) => t.weight)}::float8[], ${terms.map((t) => t.probe)}::boolean[], ${terms.map((t) => !!t.related)}::boolean[])),
      found AS (${found}),
      shared AS (
        SELECT x.id, w.term, w.weight, w.related, w.weight * ${factor} AS v
        FROM found JOIN ${table} ON x.id = found.id ${subject}
        CROSS JOIN LATERAL unnest(tsvector_to_array(x.search_document)) AS lex(term)
        JOIN w ON w.term = lex.term
        -- the same test as a hashed filter first: without table statistics (the embedded engine never gathers them)
        -- the planner joined every lexeme with every word, 1.4 million comparisons for 250 records and 70 words
        WHERE lex.term = ANY(${terms.map((t) => t.term)}::text[]) AND ${where})
      SELECT id, sum(v)::float8 AS score,
             coalesce(sum(v) FILTER (WHERE NOT related), 0)::float8 AS own,
             coalesce(sum(v) FILTER (WHERE related), 0)::float8 AS related,
             coalesce(array_agg(term ORDER BY weight DESC) FILTER (WHERE NOT related), '{}') AS shared,
             coalesce(array_agg(term ORDER BY weight DESC) FILTER (WHERE related), '{}') AS shared_related
      FROM shared
      GROUP BY id ORDER BY score DESC, id LIMIT ${limit}`);
    return rows.map((r) => ({
      id: Number(r.id),
      textScore: Number(r.own),
      relatedScore: Number(r.related),
      shared: r.shared,
      sharedRelated: r.shared_related,
    }));
  }

  /**
   * The title and keyword words of the given achievements (the best first-pass results), each with
   * the summed weight of the records using it, the field it was in and its document frequency: what
   * pseudo-relevance feedback expands a demand with.
   */
  async topicWords(
    top: { id: number; weight: number }[],
    withAbstract = false,
  ): Promise<{ term: string; support: number; field: 'keyword' | 'title' | 'abstract'; df: number }[]> {
    if (!top.length) return [];
    const { rows } = await this.db.query<{ term: string; support: number; keyword: boolean; title: boolean; df: number | null }>(sql`
      WITH top(id, w) AS (SELECT * FROM unnest(${top.map((t) => t.id)}::bigint[], ${top.map((t) => t.weight)}::float8[]))
      SELECT l.lexeme AS term, sum(top.w)::float8 AS support, bool_or('B' = ANY(l.weights)) AS keyword, bool_or('A' = ANY(l.weights)) AS title, max(df.df) AS df
      FROM top JOIN achievements x ON x.id = top.id
      CROSS JOIN LATERAL unnest(x.search_document) l
      LEFT JOIN achievement_term_df df ON df.term = l.lexeme
      WHERE ${withAbstract} OR 'A' = ANY(l.weights) OR 'B' = ANY(l.weights)
      GROUP BY l.lexeme`);
    return rows.map((r) => ({
      term: r.term,
      support: Number(r.support),
      field: r.keyword ? ('keyword' as const) : r.title ? ('title' as const) : ('abstract' as const),
      df: Number(r.df ?? 0),
    }));
  }

  /** What an achievement is ranked by for a demand. */
  async achievementFacts(ids: number[]) {
    const { rows } = await this.db.query<{
      id: number;
      title: string;
      owner: string;
      district: string | null;
      industry: string | null;
      discipline: string | null;
      maturity: Maturity;
      negotiable: boolean;
      min: number | null;
    }>(sql`
      SELECT a.id, a.title, o.name AS owner, o.district_code AS district, a.industry_code AS industry, a.discipline_code AS discipline, a.maturity,
             a.price_negotiable AS negotiable, a.price_min_fen AS min
      FROM achievements a ${orgJoin('o', sql.raw('a.owner_org_id'))} WHERE a.id = ANY(${ids}::bigint[])`);
    return byId(rows);
  }

  /** The text a record is embedded by (title, keywords, the abstract's start) and its version, for semantic.ts. */
  async achievementTexts(ids: number[]): Promise<{ id: number; version: string; text: string }[]> {
    if (!ids.length) return [];
    const { rows } = await this.db.query<{ id: number; version: string; text: string }>(sql`
      SELECT a.id, a.updated_at::text AS version,
             concat_ws(E'\n', a.title, array_to_string(a.keywords, '、'), left(coalesce(a.abstract, ''), 600)) AS text
      FROM achievements a WHERE a.id = ANY(${ids}::bigint[])`);
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** What an expert is ranked by for a demand. */
  async expertFacts(ids: number[]) {
    const { rows } = await this.db.query<{
      id: number;
      name: string;
      title: string | null;
      affiliation: string | null;
      fields: string[];
      district: string | null;
      consulting: boolean;
      grade: TechManagerGrade | null;
      commissioner: boolean;
    }>(sql`
      SELECT e.id, e.name, e.title, coalesce(e.affiliation, o.name) AS affiliation, e.fields, e.district_code AS district, e.consulting,
             e.tech_manager_grade AS grade, e.commissioner
      FROM experts e ${orgJoin('o', sql.raw('e.affiliation_org_id'), 'LEFT JOIN')} WHERE e.id = ANY(${ids}::bigint[])`);
    return byId(rows);
  }

  /** What an organization (provider or enterprise) is ranked by. */
  async orgFacts(ids: number[]) {
    const { rows } = await this.db.query<{ id: number; name: string; categories: string[]; district: string | null }>(sql`
      SELECT o.id, o.name, o.categories, o.district_code AS district FROM ${orgsTable('o')} WHERE o.id = ANY(${ids}::bigint[])`);
    return byId(rows);
  }

  /** What an instrument is ranked by for a demand. */
  async instrumentFacts(ids: number[]) {
    const { rows } = await this.db.query<{ id: number; name: string; owner: string; district: string | null }>(sql`
      SELECT i.id, i.name, o.name AS owner, i.district_code AS district FROM ${instrumentsTable('i')} ${orgJoin('o', sql.raw('i.owner_org_id'))} WHERE i.id = ANY(${ids}::bigint[])`);
    return byId(rows);
  }

  /** The demand side's verdicts on a demand's results, by `kind:id`. */
  async feedbackOf(demandId: number): Promise<Map<string, { verdict: Verdict; terms: string[] }>> {
    const { rows } = await this.db.query<{ target_kind: string; target_id: number; verdict: Verdict; terms: string[] }>(sql`
      SELECT target_kind, target_id, verdict, terms FROM match_feedback WHERE demand_id = ${demandId}`);
    return new Map(rows.map((r) => [`${r.target_kind}:${Number(r.target_id)}`, { verdict: r.verdict, terms: r.terms }]));
  }

  /** A verdict with the words the demand shared with the result then (kept when none are known now). */
  async saveFeedback(f: { demandId: number; kind: MatchKind; targetId: number; verdict: Verdict; terms: string[]; userId: number }): Promise<void> {
    await this.db.query(sql`
      INSERT INTO match_feedback (demand_id, target_kind, target_id, verdict, terms, user_id)
      VALUES (${f.demandId}, ${f.kind}, ${f.targetId}, ${f.verdict}, ${f.terms}::text[], ${f.userId})
      ON CONFLICT (demand_id, target_kind, target_id) DO UPDATE SET verdict = excluded.verdict, user_id = excluded.user_id, at = now(),
        terms = CASE WHEN cardinality(excluded.terms) > 0 THEN excluded.terms ELSE match_feedback.terms END`);
  }

  async deleteFeedback(demandId: number, kind: MatchKind, targetId: number): Promise<void> {
    await this.db.query(sql`DELETE FROM match_feedback WHERE demand_id = ${demandId} AND target_kind = ${kind} AND target_id = ${targetId}`);
  }

  /** Whether the result to rate exists. */
  async targetExists(kind: MatchKind, id: number): Promise<boolean> {
    const from = { achievement: sql`achievements x`, expert: sql`experts x`, provider: orgsTable('x'), instrument: instrumentsTable('x') }[kind];
    const { rows } = await this.db.query(sql`SELECT 1 FROM ${from} WHERE x.id = ${id}`);
    return rows.length > 0;
  }

  /** Records the alert of a demand about an achievement; false when it was sent before. */
  async recordAlert(demandId: number, achievementId: number, score: number): Promise<boolean> {
    const { rows } = await this.db.query(sql`
      INSERT INTO match_alerts (demand_id, achievement_id, score) VALUES (${demandId}, ${achievementId}, ${score}) ON CONFLICT DO NOTHING RETURNING demand_id`);
    return rows.length > 0;
  }
}

function byId<T extends { id: number }>(rows: T[]): Map<number, T> {
  return new Map(rows.map((r) => [Number(r.id), r]));
}
