/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015 — see shared/domain/RULES.md.
 * 18 characters from 0-9 and 21 capital letters (no I, O, S, V, Z); the 18th is a check
 * character computed from the first 17 with weights 3^i mod 31.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem =
  | { key: 'uscc.required' }
  | { key: 'uscc.length'; params: { length: number } }
  | { key: 'uscc.character'; params: { position: number; char: string } }
  | { key: 'uscc.checkDigit'; params: { expected: string; actual: string } };

/** Upper-cases and removes spaces and full-width forms people paste from documents. */
export function normalizeUscc(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
}

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  const c = 31 - (sum % 31);
  return USCC_ALPHABET[c === 31 ? 0 : c];
}

/** null when valid, otherwise the first problem found (length, then characters, then check). */
export function checkUscc(code: string): UsccProblem | null {
  if (!code) return { key: 'uscc.required' };
  if (code.length !== 18) return { key: 'uscc.length', params: { length: [...code].length } };
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i])) return { key: 'uscc.character', params: { position: i + 1, char: code[i] } };
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) return { key: 'uscc.checkDigit', params: { expected, actual: code[17] } };
  return null;
}

/** Division code (characters 3–8) of a valid code. */
export function usccDivision(code: string): string {
  return code.slice(2, 8);
}
