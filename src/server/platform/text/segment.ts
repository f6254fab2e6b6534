/**
 * Chinese has no spaces between words, so text is segmented with jieba before it goes into
 * PostgreSQL full-text search (configuration 'simple': no stemming, no stop words of its own).
 * Documents use search mode (a long word also yields its dictionary sub-words: 知识产权代理 →
 * 知识, 产权, 知识产权, 代理); queries use precise mode so that every query word must match.
 */
import { createRequire } from 'node:module';
import { fold } from './fold.ts';

// jieba-rs compiled to WebAssembly: the same segmenter on every platform, with no native binary
// to fetch per platform (the registry we install from carries only some of @node-rs/jieba's).
const require = createRequire(import.meta.url);
const jieba = require('jieba-wasm') as { cut(text: string, hmm?: boolean): string[]; cut_for_search(text: string, hmm?: boolean): string[] };

// Words too common in organization names and descriptions to narrow a search.
const STOP_WORDS = new Set([
  '的',
  '和',
  '与',
  '及',
  '或',
  '等',
  '在',
  '了',
  '是',
  '为',
  '对',
  '从',
  '有',
  '无',
  '中',
  '于',
  'the',
  'and',
  'of',
  'a',
  'an',
  'for',
]);
const TOKEN = /[\p{L}\p{N}]/u;

function clean(tokens: string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const t = raw.trim();
    if (!t || !TOKEN.test(t) || STOP_WORDS.has(t)) continue;
    // keep only letters/digits (strip e.g. "c++" punctuation, "'" that tsquery would reject)
    const word = t.replace(/[^\p{L}\p{N}]/gu, '');
    if (word) out.push(word);
  }
  return out;
}

/** Words of a document, folded, for indexing (search mode, duplicates removed). */
export function documentTerms(text: string): string[] {
  const f = fold(text);
  if (!f) return [];
  return [...new Set(clean(jieba.cut_for_search(f, true)))];
}

/** Words of a query, folded, each of which must match (precise mode). */
export function queryTerms(text: string): string[] {
  const f = fold(text);
  if (!f) return [];
  return [...new Set(clean(jieba.cut(f, true)))];
}
