import { describe, expect, it } from 'vitest';
import { checkUscc, normalizeUscc, usccCheckCharacter } from '../../src/server/modules/directory/uscc.ts';
import { generateOrgs } from '../../src/server/modules/directory/demo/generator.ts';

describe('USCC (GB 32100-2015)', () => {
  it('accepts the examples of RULES.md', () => {
    expect(checkUscc('91350100M000100Y43')).toBeNull();
    expect(checkUscc('91110108551385082Q')).toBeNull();
  });
  it('computes the check character, with 31 meaning 0', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91110108551385082')).toBe('Q');
    // find a prefix whose raw check value is 31 and assert it maps to "0"
    const prefix = Array.from({ length: 2000 }, (_, i) => `9150010${String(i).padStart(4, '0')}000000`).find((p) => usccCheckCharacter(p) === '0');
    expect(prefix).toBeDefined();
  });
  it('names the problem: length, character, check digit', () => {
    expect(checkUscc('')).toEqual({ key: 'uscc.required' });
    expect(checkUscc('91350100M000100Y4')).toEqual({ key: 'uscc.length', params: { length: 17 } });
    expect(checkUscc('91350100M0001O0Y43')).toEqual({ key: 'uscc.character', params: { position: 14, char: 'O' } });
    expect(checkUscc('91350100M000100Y44')).toEqual({ key: 'uscc.checkDigit', params: { expected: '3', actual: '4' } });
  });
  it('normalizes what people paste (full-width, lower case, spaces)', () => {
    expect(normalizeUscc(' ９１３５０１００ｍ000100y43 ')).toBe('91350100M000100Y43');
  });
  it('the demo generator only makes valid, unique codes', () => {
    const codes = [...generateOrgs(3000)].map((o) => o.uscc);
    expect(codes.every((c) => checkUscc(c) === null)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
