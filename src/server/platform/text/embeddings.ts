/**
 * Text embeddings from a model server the city runs itself. The built-in matching needs no model: it learns
 * related words from the platform's own records (docs/SEARCH.md). A city that runs an embedding model on its
 * own premises (text-embeddings-inference, Xinference, vLLM, Ollama, …) sets EMBEDDINGS_URL, and matching also
 * ranks by how close in meaning a record is to the demand. Nearly every such server speaks one HTTP shape, the
 * OpenAI embeddings API: POST {url}/v1/embeddings `{ model, input: string[] }` → `{ data: [{ index, embedding }] }`,
 * so that is the one provider here; another shape is another class behind the same interface.
 */
import { z } from 'zod';

export interface EmbeddingProvider {
  /** e.g. "http:bge-m3": part of what a cached vector is kept under, so a new model never meets an old vector */
  readonly name: string;
  /** One unit-length vector per text, in order. Throws EmbeddingError when the server does not answer as it should. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface EmbeddingsOptions {
  /** the server's base URL (…/v1/embeddings is added), or the full endpoint ending in /embeddings */
  url: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
}

export class EmbeddingError extends Error {}

const EmbeddingsResponse = z.object({
  data: z.array(z.object({ index: z.number().int().min(0).optional(), embedding: z.array(z.number()).min(1) })),
});

/** Texts per request: servers limit a batch (text-embeddings-inference's default is 32). */
const BATCH = 32;
/** Characters per text: models read a few hundred tokens; longer input is cut, not refused. */
const MAX_CHARS = 2000;

export class HttpEmbeddingProvider implements EmbeddingProvider {
  readonly name: string;
  private readonly endpoint: string;

  constructor(private readonly options: EmbeddingsOptions) {
    this.name = `http:${options.model}`;
    const base = options.url.replace(/\/+$/, '');
    this.endpoint = /\/embeddings$/.test(base) ? base : `${base}/v1/embeddings`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += BATCH) out.push(...(await this.batch(texts.slice(i, i + BATCH))));
    return out;
  }

  private async batch(texts: string[]): Promise<Float32Array[]> {
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
        body: JSON.stringify({ model: this.options.model, input: texts.map((t) => t.slice(0, MAX_CHARS) || ' ') }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      throw new EmbeddingError(
        `${this.endpoint}: ${(err as Error).name === 'TimeoutError' ? `no answer in ${this.options.timeoutMs} ms` : (err as Error).message}`,
      );
    }
    if (!res.ok) throw new EmbeddingError(`${this.endpoint}: HTTP ${res.status} ${(await res.text().catch(() => '')).slice(0, 200)}`);
    const parsed = EmbeddingsResponse.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new EmbeddingError(`${this.endpoint}: the answer is not an embeddings response`);
    const data = [...parsed.data.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    if (data.length !== texts.length) throw new EmbeddingError(`${this.endpoint}: ${data.length} vectors for ${texts.length} texts`);
    const dims = data[0].embedding.length;
    if (data.some((d) => d.embedding.length !== dims)) throw new EmbeddingError(`${this.endpoint}: vectors of different lengths`);
    return data.map((d) => unit(d.embedding));
  }
}

/** The vector scaled to length 1 (a zero vector stays zero): the cosine of two is then their dot product. */
export function unit(v: ArrayLike<number>): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  const out = new Float32Array(v.length);
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  for (let i = 0; i < v.length; i++) out[i] = v[i] * s;
  return out;
}

/** Cosine similarity of two unit vectors (0 when their lengths differ: vectors of two models never compare). */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let d = 0;
  for (let i = 0; i < a.length; i++) d += a[i] * b[i];
  return d;
}
