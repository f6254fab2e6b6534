/**
 * Pinyin form of a name for typo tolerance. Most Chinese typos come from the input method:
 * the right syllables, the wrong character (检侧 for 检测, both "jiance"). Character trigrams
 * cannot see that (in a four-character query every trigram contains the typo); trigrams over the
 * toneless pinyin can, so names are matched fuzzily on both their folded text and their pinyin.
 */
import { pinyin } from 'pinyin-pro';
import { fold } from './fold.ts';

const HAS_CJK = /[\u3400-\u9fff]/;

// Parts nearly every name shares: they would make any two names look alike.
const COMMON_PREFIX = /^(重庆市?|渝)/;
const COMMON_SUFFIX = /(股份有限公司|有限责任公司|有限公司|\(普通合伙\)|公司)$/;

export function pinyinKey(text: string | null | undefined): string {
  const f = fold(text).replace(COMMON_PREFIX, '').replace(COMMON_SUFFIX, '');
  if (!f || !HAS_CJK.test(f)) return f.replace(/\s+/g, '');
  return pinyin(f, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .replace(/[^a-z0-9]/g, '');
}
