/**
 * What the registration forms share: the checks made before sending (the server makes them again and
 * names the field the same way), and the server's field errors put on the form's fields.
 */
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100-2015, as the server checks it (directory/uscc.ts): null when valid, else the message key. */
export function usccProblem(raw: string): string | null {
  const code = raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== 18) return 'reg.check.usccLength';
  if ([...code].some((c) => !USCC_ALPHABET.includes(c))) return 'reg.check.usccCharacter';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(code[i]) * WEIGHTS[i];
  const c = 31 - (sum % 31);
  return code[17] === USCC_ALPHABET[c === 31 ? 0 : c] ? null : 'reg.check.usccCheckDigit';
}

export const rules = (t: TFunction) => {
  const label = (k: string) => t(`reg.field.${k}`);
  const required = (k: string): Rule => ({ required: true, whitespace: true, message: t('reg.check.required', { field: label(k) }) });
  return {
    required,
    uscc: [required('uscc'), { validator: async (_: unknown, v?: string) => (v && usccProblem(v) ? Promise.reject(t(usccProblem(v)!)) : undefined) }],
    email: (k = 'email'): Rule[] => [required(k), { type: 'email', message: t('reg.check.email', { field: label(k) }) }],
    username: [required('username'), { pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/, message: t('reg.check.username') }],
    password: (k = 'password'): Rule[] => [required(k), { min: 8, message: t('reg.check.passwordLength', { field: label(k) }) }],
    /** the same password twice, so a typo does not lock the account out */
    repeat: (k: string): Rule[] => [
      required('repeat'),
      ({ getFieldValue }) => ({
        validator: async (_: unknown, v?: string) => (v && v !== getFieldValue(k) ? Promise.reject(t('reg.check.repeat')) : undefined),
      }),
    ],
  };
};

/** Puts the server's field errors on the form's fields; returns the message of what no field shows (or null). */
export function showServerErrors(form: FormInstance, e: unknown, fields: readonly string[]): string | null {
  if (!(e instanceof ApiError)) return String(e);
  const on = e.fields.filter((f) => fields.includes(f.path));
  if (on.length) {
    form.setFields(on.map((f) => ({ name: f.path, errors: [f.message] })) as never);
    form.scrollToField(on[0].path, { block: 'center' });
  }
  const rest = e.fields.filter((f) => !fields.includes(f.path)).map((f) => f.message);
  return on.length && !rest.length ? null : [e.message, ...rest].join(' ');
}
