/**
 * A real HTTP server speaking the OpenAI embeddings API (POST /v1/embeddings), as text-embeddings-inference,
 * Xinference or vLLM do, for the tests of the HTTP embedding provider. Its "model" is a small concept table:
 * a text's vector counts the concepts whose words it contains, so two texts about the same thing in different
 * words (储能电芯 / 锂电池) come out close, as a real model would place them, and nothing is downloaded.
 * It records every request, and can be told to fail.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const CONCEPTS: string[][] = [
  ['电池', '电芯', '储能', '锂', '电解', '充放电'],
  ['热', '温', '起火', '燃烧', '阻燃', '失控'],
  ['隧道', '桥梁', '结构', '混凝土', '沉降'],
  ['监测', '预警', '告警', '传感', '检测'],
  ['小面', '调味', '食品', '灌装'],
];

export function conceptVector(text: string): number[] {
  // the last dimension is shared by every text, as real models share a common direction: unrelated texts meet at ~0.2–0.4
  return [...CONCEPTS.map((words) => words.reduce((n, w) => n + (text.includes(w) ? 1 : 0), 0)), 0.6];
}

export interface EmbeddingsServer {
  url: string;
  requests: { authorization: string | undefined; model: string; input: string[] }[];
  /** answer every request with this status (null: answer normally) */
  failWith: number | null;
  close(): Promise<void>;
}

export async function startEmbeddingsServer(): Promise<EmbeddingsServer> {
  const state: EmbeddingsServer = { url: '', requests: [], failWith: null, close: async () => {} };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        res.writeHead(404).end();
        return;
      }
      const { model, input } = JSON.parse(body) as { model: string; input: string[] };
      state.requests.push({ authorization: req.headers.authorization, model, input });
      if (state.failWith) {
        res.writeHead(state.failWith, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'model not loaded' }));
        return;
      }
      const data = input.map((text, index) => ({ object: 'embedding', index, embedding: conceptVector(text) }));
      // answered out of order, as the API allows: the client must put them back by index
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', model, data: data.reverse() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((resolve) => server.close(() => resolve()));
  return state;
}
