/** TOTP against RFC 6238's own test vectors (SHA-1, secret "12345678901234567890", 8 digits). */
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, totpAt, verifyTotp } from '../../src/server/modules/auth/totp.ts';
import { passwordProblems } from '../../src/server/modules/auth/passwords.ts';

describe('TOTP (RFC 6238)', () => {
  const secret = Buffer.from('12345678901234567890');
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at %i s the code is %s', (t, code) => {
    expect(totpAt(secret, t, 8)).toBe(code);
  });
  it('round-trips base32 and accepts only this step and its neighbours', () => {
    const b32 = base32Encode(secret);
    expect(b32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(b32)).toEqual(secret);
    const now = 1_700_000_000_000;
    const code = totpAt(secret, now / 1000);
    expect(verifyTotp(b32, code, now)).toBe(true);
    expect(verifyTotp(b32, code, now + 30_000)).toBe(true);
    expect(verifyTotp(b32, code, now + 90_000)).toBe(false);
    expect(verifyTotp(b32, '12345', now)).toBe(false);
  });
});

describe('password policy', () => {
  const policy = { minLength: 10, minClasses: 3, history: 5 };
  it('names every rule a password breaks', () => {
    expect(passwordProblems('abc', 'zhang', policy).map((p) => p.key)).toEqual(['auth.password.tooShort', 'auth.password.classes']);
    expect(passwordProblems('Zhangsan-2026', 'zhangsan', policy).map((p) => p.key)).toEqual(['auth.password.containsUsername']);
    expect(passwordProblems('Kefutong-2026', 'zhangsan', policy)).toEqual([]);
    // counted in characters, not bytes: a Chinese pass phrase of ten characters is long enough
    expect(passwordProblems('科技服务业数字化平台1a', 'x', policy)).toEqual([]);
  });
});
