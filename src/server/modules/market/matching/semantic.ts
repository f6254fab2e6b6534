/**
 * Closeness in meaning, when the city runs an embedding model (EMBEDDINGS_URL): the achievements the words
 * and related words found for a demand are ranked again by how close their text is to the demand's, and a
 * close one says so. Only the bounded candidate pool is embedded (≤ firstPass + extraCandidates records),
 * never the table: the words find, the model orders. Vectors are kept in memory per record version and
 * model, so a demand asked again, or another demand meeting the same records, embeds only its own text.
 * A model server that fails or times out is left alone for a while and matching goes on without it: a
 * match never waits on a server that is down.
 */
import { cosine, type EmbeddingProvider } from '../../../platform/text/embeddings.ts';

export interface EmbeddableRecord {
  id: number;
  /** changes whenever the text does (the record's updated_at) */
  version: string;
  text: string;
}

/** records' vectors kept (about 4 KB each at 1,024 dimensions: ~80 MB at most) */
const KEPT_RECORDS = 20_000;
/** demands' vectors kept */
const KEPT_QUERIES = 2_000;
/** after a failure, the server is asked again after this long */
const BACK_OFF_MS = 30_000;

export class SemanticRanker {
  private readonly records = new Map<string, Float32Array>();
  private readonly queries = new Map<string, Float32Array>();
  private failedAt = 0;

  constructor(
    private readonly provider: EmbeddingProvider,
    private readonly warn: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Cosine similarity of each record to the query text; null when the model server could not be used now. */
  async similarities(query: string, records: EmbeddableRecord[]): Promise<Map<number, number> | null> {
    if (!records.length) return new Map();
    if (this.failedAt && this.now() - this.failedAt < BACK_OFF_MS) return null;
    const key = (r: EmbeddableRecord) => `${this.provider.name}|${r.id}|${r.version}`;
    const queryKey = `${this.provider.name}|${query}`;
    const missing = records.filter((r) => !this.records.has(key(r)));
    const askQuery = !this.queries.has(queryKey);
    if (missing.length || askQuery) {
      let vectors: Float32Array[];
      try {
        vectors = await this.provider.embed([...(askQuery ? [query] : []), ...missing.map((r) => r.text)]);
      } catch (err) {
        this.failedAt = this.now();
        this.warn(`embeddings unavailable, matching without them for ${BACK_OFF_MS / 1000} s: ${(err as Error).message}`);
        return null;
      }
      this.failedAt = 0;
      if (askQuery) keep(this.queries, queryKey, vectors.shift()!, KEPT_QUERIES);
      missing.forEach((r, i) => keep(this.records, key(r), vectors[i], KEPT_RECORDS));
    }
    const q = touch(this.queries, queryKey)!;
    return new Map(records.map((r) => [r.id, cosine(q, touch(this.records, key(r))!)]));
  }
}

/** A map kept in the order of last use, the least recently used dropped past `max` (Map keeps insertion order). */
function keep(map: Map<string, Float32Array>, key: string, value: Float32Array, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
}

function touch(map: Map<string, Float32Array>, key: string): Float32Array | undefined {
  const v = map.get(key);
  if (v) {
    map.delete(key);
    map.set(key, v);
  }
  return v;
}
