/**
 * The server's field errors put on an antd form's fields (errors name fields by their path, e.g. `password`).
 * What no field of the form shows comes back as text, for an alert above the form: nothing the server said is lost.
 */
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

export function showFieldErrors(form: FormInstance, e: unknown, fields: readonly string[]): string[] {
  if (!(e instanceof ApiError)) return [String(e)];
  const byField = new Map<string, string[]>();
  const rest: string[] = [];
  for (const f of e.fields) {
    if (fields.includes(f.path)) byField.set(f.path, [...(byField.get(f.path) ?? []), f.message]);
    else rest.push(f.message);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  if (!byField.size) rest.unshift(e.message);
  return rest;
}

/** Clears the errors the server put on the form before, so a fixed field does not keep an old message. */
export function clearFieldErrors(form: FormInstance) {
  form.setFields(
    form
      .getFieldsError()
      .filter((f) => f.errors.length)
      .map((f) => ({ name: f.name, errors: [] })),
  );
}
