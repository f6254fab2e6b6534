/**
 * The password policy (等保 2.0 身份鉴别: 口令复杂度): a minimum length, characters from several classes,
 * not the account's own name, and none of the last few passwords. Each rule that fails is named, so the
 * user learns everything to fix at once.
 */
import { verify } from '@node-rs/argon2';
import type { FieldError } from '../../platform/http/errors.ts';

export interface PasswordPolicy {
  minLength: number;
  /** of lower case, upper case, digits, symbols */
  minClasses: number;
  /** how many previous passwords may not come back */
  history: number;
}

const CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/];

/** The policy's complaints about a new password (empty when it passes), on the field `path`. */
export function passwordProblems(password: string, username: string, policy: PasswordPolicy, path = 'password'): FieldError[] {
  const problems: FieldError[] = [];
  if ([...password].length < policy.minLength) problems.push({ path, key: 'auth.password.tooShort', params: { min: policy.minLength } });
  const classes = CLASSES.filter((c) => c.test(password)).length;
  if (classes < policy.minClasses) problems.push({ path, key: 'auth.password.classes', params: { n: policy.minClasses } });
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push({ path, key: 'auth.password.containsUsername' });
  return problems;
}

/** Whether the password is one of the given argon2 hashes (the current one and those kept in history). */
export async function isReused(password: string, hashes: string[]): Promise<boolean> {
  for (const h of hashes) if (await verify(h, password).catch(() => false)) return true;
  return false;
}
