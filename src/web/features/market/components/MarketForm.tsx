/**
 * The frame the achievement, demand and expert forms share: load for editing (with its version), save as a draft
 * or save and publish, the server's field errors at their fields, a stale-version warning.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Form, Result, Space, Spin, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { COLLECTION, createItem, itemAction, itemQuery, updateItem, type ItemOf, type ListedKind, type ListingKind } from '../api';
import { useAuth, useTitle } from '../../../shell/context';
import { clearErrors, showServerErrors } from '../shared';
import '../market.css';

export interface MarketFormConfig<K extends ListedKind, V, T = ItemOf[K]> {
  /** what the form edits; its pages are /achievements, /demands, /experts */
  kind: K;
  newTitle: string;
  editTitle: (item: T) => string;
  toValues: (item: T) => V;
  toBody: (values: V, item: T | null) => Record<string, unknown>;
  fieldOf: (path: string) => (string | number)[] | string | null;
  initialValues: Partial<V>;
  /** drafts are published with POST …/publish; experts have no drafts */
  publishable: boolean;
  canEdit: (item: T, user: NonNullable<ReturnType<typeof useAuth>['user']>) => boolean;
  canCreate: (user: NonNullable<ReturnType<typeof useAuth>['user']>) => boolean;
  forbidden: string;
  savedText: string;
  children: (form: FormInstance<V>, item: T | null) => ReactNode;
  /** shown above the form */
  intro?: ReactNode;
}

export default function MarketForm<K extends ListedKind, V extends object>(cfg: MarketFormConfig<K, V>) {
  type T = ItemOf[K];
  const { id } = useParams();
  const editing = !!id;
  const { t } = useTranslation();
  const { user, ready } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const qc = useQueryClient();
  const path = `/${COLLECTION[cfg.kind]}`;
  const item$ = itemQuery(cfg.kind, Number(id));
  const loaded = useQuery({ ...item$, enabled: editing });
  const loadError = loaded.error;
  // the item being edited: as loaded (the form is filled from it once; a later refetch must not overwrite what is
  // being typed), then as saved; its version goes with the next save, so someone else's change in between is refused
  const [item, setItem] = useState<T | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState<'draft' | 'publish' | null>(null);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      editing && item ? updateItem(cfg.kind, item.id, { ...body, version: item.version }) : createItem(cfg.kind, body),
    onSuccess: (saved) => {
      qc.setQueryData(itemQuery(cfg.kind, saved.id).queryKey, saved);
      void qc.invalidateQueries({ queryKey: [COLLECTION[cfg.kind]] });
    },
  });
  const publishing = useMutation({
    // only listings are publishable (cfg.publishable)
    mutationFn: (itemId: number) => itemAction(cfg.kind as ListingKind, itemId, 'publish'),
    onSettled: (_r, _e, itemId) => qc.invalidateQueries({ queryKey: itemQuery(cfg.kind, itemId).queryKey }),
  });
  const mode = useRef<'draft' | 'publish'>('draft');
  useTitle(editing ? cfg.editTitle(item ?? ({} as T)) : cfg.newTitle);

  const toValues = useRef(cfg.toValues);
  toValues.current = cfg.toValues;
  const itemId = item?.id;
  useEffect(() => {
    const x = loaded.data;
    if (!editing || !x || itemId === x.id) return;
    setItem(x);
    form.setFieldsValue(toValues.current(x) as never);
  }, [editing, loaded.data, form, itemId]);

  if (!ready)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (!user || !cfg.canCreate(user)) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={cfg.forbidden}
        extra={!user ? <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('nav.login')}</Link> : null}
      />
    );
  }
  if (loadError) return <Result status="error" title={t('common.error')} subTitle={loadError.message} />;
  if (editing && !item)
    return (
      <div className="kft-center">
        <Spin />
      </div>
    );
  if (item && !cfg.canEdit(item, user)) return <Result status="403" title="403" subTitle={cfg.forbidden} />;

  async function onFinish(values: V) {
    const publish = mode.current === 'publish';
    setSaving(mode.current);
    setFormError(null);
    setConflict(null);
    clearErrors(form);
    try {
      const saved = await save.mutateAsync(cfg.toBody(values, item));
      if (publish && saved.status === 'draft') {
        try {
          const r = await publishing.mutateAsync(saved.id);
          message.success(r.status === 'in_review' ? t('mk.action.submittedForReview') : t('mk.action.done.publish'));
        } catch (e) {
          // saved, but not publishable yet: stay on the form (now editing the draft) with the reasons at the fields
          message.warning(t('mk.form.savedNotPublished'));
          setItem(saved);
          if (!editing) navigate(`${path}/${saved.id}/edit`, { replace: true });
          const r = showServerErrors(form, e, cfg.fieldOf, t('common.fixErrors'), t('common.msgSep'));
          setFormError(r.text);
          return;
        }
      } else {
        message.success(cfg.savedText);
      }
      navigate(`${path}/${saved.id}`);
    } catch (e) {
      const r = showServerErrors(form, e, cfg.fieldOf, t('common.fixErrors'), t('common.msgSep'));
      if (r.conflict) setConflict(r.text);
      else setFormError(r.text);
    } finally {
      setSaving(null);
    }
  }

  const isDraft = !item || item.status === 'draft';
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {editing && item ? cfg.editTitle(item) : cfg.newTitle}
      </Typography.Title>
      {cfg.intro}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          style={{ marginBottom: 12 }}
          data-testid="conflict"
          action={
            <Button size="small" onClick={() => window.location.reload()}>
              {t('common.reload')}
            </Button>
          }
        />
      )}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} role="alert" data-testid="form-error" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        scrollToFirstError
        initialValues={cfg.initialValues as never}
        onFinishFailed={() => setFormError(t('common.fixErrors'))}
      >
        {cfg.children(form, item)}
        <Space wrap>
          {cfg.publishable && isDraft ? (
            <>
              <Button
                htmlType="submit"
                loading={saving === 'draft'}
                onClick={() => {
                  mode.current = 'draft';
                }}
                data-testid="save-draft"
              >
                {t('mk.form.saveDraft')}
              </Button>
              <Button
                type="primary"
                htmlType="submit"
                loading={saving === 'publish'}
                onClick={() => {
                  mode.current = 'publish';
                }}
                data-testid="save-publish"
              >
                {t('mk.form.savePublish')}
              </Button>
            </>
          ) : (
            <Button
              type="primary"
              htmlType="submit"
              loading={!!saving}
              onClick={() => {
                mode.current = 'draft';
              }}
              data-testid="save"
            >
              {t('common.save')}
            </Button>
          )}
          <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
        </Space>
      </Form>
    </div>
  );
}

/** "title" → "title"; "ip.1.number" → ['ip', 1, 'number']; "keywords.3" → "keywords"; unknown → null. */
export function pathMapper(known: string[], lists: Record<string, string> = {}, renames: Record<string, string> = {}) {
  const set = new Set(known);
  return (path: string): (string | number)[] | string | null => {
    const parts = path.split('.');
    const head = renames[parts[0]] ?? parts[0];
    if (head in lists) {
      if (parts.length >= 3) return [head, Number(parts[1]), parts[2]];
      if (parts.length === 2 && /^\d+$/.test(parts[1])) return [head, Number(parts[1]), lists[head]];
      return head;
    }
    return set.has(head) ? head : null;
  };
}
