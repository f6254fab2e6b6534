/** One step's write: the answer (the order as it now stands) replaces the cached order; field errors go onto the step's form. */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { orderKeys, type Order } from '../api';

/** Server paths (`lines.0.unitFen`) onto form names (['lines', 0, 'unit']); `rename` maps the API's field names to the form's. */
function toName(path: string, rename: Record<string, string>): (string | number)[] {
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : (rename[p] ?? p)));
}

export function useStep<V>(
  orderId: number,
  run: (v: V) => Promise<Order>,
  opts: { form?: FormInstance; fields?: readonly string[]; rename?: Record<string, string>; onDone?: () => void } = {},
) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [errors, setErrors] = useState<string[]>([]);
  const m = useMutation({
    mutationFn: run,
    onMutate: () => {
      setErrors([]);
      const form = opts.form;
      if (form)
        form.setFields(
          form
            .getFieldsError()
            .filter((f) => f.errors.length)
            .map((f) => ({ name: f.name, errors: [] })),
        );
    },
    onSuccess: (o) => {
      qc.setQueryData(orderKeys.one(orderId), o);
      void qc.invalidateQueries({ queryKey: orderKeys.history(orderId) });
      void qc.invalidateQueries({ queryKey: ['orders', 'list'] });
      message.success(t('ord.done'));
      opts.form?.resetFields();
      opts.onDone?.();
    },
    onError: (e) => {
      if (!(e instanceof ApiError)) return setErrors([String(e)]);
      const rest: string[] = [];
      const onForm: { name: (string | number)[]; errors: string[] }[] = [];
      for (const f of e.fields) {
        const top = f.path.split('.')[0];
        if (opts.form && opts.fields?.includes(top)) onForm.push({ name: toName(f.path, opts.rename ?? {}), errors: [f.message] });
        else rest.push(f.message);
      }
      if (onForm.length) opts.form!.setFields(onForm);
      else rest.unshift(e.message);
      setErrors(rest);
    },
  });
  return { ...m, errors };
}
