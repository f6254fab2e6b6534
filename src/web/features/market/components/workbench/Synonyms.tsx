/** The workbench's synonym list (city admins): the groups of words the search expands a query with. */
import { useEffect, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { addSynonyms, deleteSynonyms, saveSynonyms, type SynonymGroup } from '../../api';
import { Loading, errorText, type Loaded } from './shared';

const TERM_SEPARATORS = [',', '，', '、', ';', '；'];

function TermsInput({ id, value, onChange, autoFocus }: { id: string; value: string[]; onChange: (v: string[]) => void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      mode="tags"
      open={false}
      suffixIcon={null}
      tokenSeparators={TERM_SEPARATORS}
      value={value}
      autoFocus={autoFocus}
      onChange={(v: string[]) => onChange(v.map((x) => x.trim()).filter(Boolean))}
      placeholder={t('mk.workbench.synonyms.termsPlaceholder')}
      style={{ flex: '1 1 240px', minWidth: 0, width: 'auto' }}
    />
  );
}

function SynonymRow({ group, flash, onChanged }: { group: SynonymGroup; flash: boolean; onChanged: (id: number | null) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [terms, setTerms] = useState(group.terms);
  const [error, setError] = useState<string | null>(null);
  const sep = t('common.msgSep');
  const label = group.terms.join(t('mk.workbench.synonyms.termSep'));
  const inputId = `synonym-${group.id}`;
  const put = useMutation({
    mutationFn: () => saveSynonyms(group.id, terms),
    onMutate: () => setError(null),
    onSuccess: () => {
      message.success(t('mk.workbench.synonyms.saved'));
      setEditing(false);
      onChanged(group.id);
    },
    onError: (e) => setError(errorText(e, sep)),
  });
  const drop = useMutation({
    mutationFn: () => deleteSynonyms(group.id),
    onSuccess: () => {
      message.success(t('mk.workbench.synonyms.deleted'));
      onChanged(null);
    },
    onError: (e) => message.error(errorText(e, sep)),
  });
  const busy = put.isPending;
  const save = () => put.mutate();
  const remove = () => drop.mutate();

  return (
    <li className={`kft-syn-group${flash ? ' kft-moved' : ''}`} data-testid="synonym-group" data-id={group.id} data-terms={group.terms.join(',')}>
      {editing ? (
        <Form layout="vertical" component="div" style={{ width: '100%' }}>
          <Form.Item
            label={t('mk.workbench.synonyms.editLabel', { terms: label })}
            htmlFor={inputId}
            validateStatus={error ? 'error' : undefined}
            help={error ?? undefined}
            style={{ marginBottom: 0 }}
          >
            <div className="kft-syn-edit">
              <TermsInput
                id={inputId}
                value={terms}
                onChange={(v) => {
                  setTerms(v);
                  setError(null);
                }}
                autoFocus
              />
              <Space size={8}>
                <Button type="primary" loading={busy} onClick={save} data-testid="synonym-save">
                  {t('common.save')}
                </Button>
                <Button
                  onClick={() => {
                    setEditing(false);
                    setTerms(group.terms);
                    setError(null);
                  }}
                >
                  {t('common.cancel')}
                </Button>
              </Space>
            </div>
          </Form.Item>
        </Form>
      ) : (
        <>
          <div className="kft-tags kft-syn-terms">
            {group.terms.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </div>
          <Space size={4}>
            <Button
              size="small"
              onClick={() => {
                setTerms(group.terms);
                setEditing(true);
              }}
              aria-label={t('mk.workbench.synonyms.editLabel', { terms: label })}
              data-testid="synonym-edit"
            >
              {t('mk.action.edit')}
            </Button>
            <Popconfirm
              title={t('mk.workbench.synonyms.deleteConfirm')}
              okText={t('mk.workbench.synonyms.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={remove}
            >
              <Button size="small" danger aria-label={t('mk.workbench.synonyms.deleteLabel', { terms: label })} data-testid="synonym-delete">
                {t('mk.workbench.synonyms.delete')}
              </Button>
            </Popconfirm>
          </Space>
        </>
      )}
    </li>
  );
}

export default function Synonyms({ list }: { list: Loaded<{ items: SynonymGroup[] }> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [terms, setTerms] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [find, setFind] = useState('');
  const [flash, setFlash] = useState<number | null>(null);
  const sep = t('common.msgSep');
  const groups = list.data?.items ?? [];
  const needle = find.trim().toLowerCase();
  const shown = needle ? groups.filter((g) => g.terms.some((x) => x.toLowerCase().includes(needle))) : groups;

  useEffect(() => {
    if (flash === null) return;
    // the new group is shown once the list has been read again
    if (list.data?.items.some((g) => g.id === flash))
      document.querySelector(`[data-testid="synonym-group"][data-id="${flash}"]`)?.scrollIntoView({ block: 'nearest' });
    const h = setTimeout(() => setFlash(null), 1800);
    return () => clearTimeout(h);
  }, [flash, list.data]);

  const create = useMutation({
    mutationFn: () => addSynonyms(terms),
    onMutate: () => setError(null),
    onSuccess: (saved) => {
      message.success(t('mk.workbench.synonyms.added'));
      setTerms([]);
      setFind('');
      setFlash(saved?.id ?? null);
      list.reload();
    },
    onError: (e) => setError(errorText(e, sep)),
  });
  const busy = create.isPending;
  const add = () => create.mutate();
  const changed = (id: number | null) => {
    setFlash(id);
    list.reload();
  };

  return (
    <div className="kft-syn-page">
      <Alert type="info" showIcon title={t('mk.workbench.synonyms.help')} style={{ marginBottom: 12 }} data-testid="synonym-help" />
      <Card size="small" title={<h2 className="kft-card-title">{t('mk.workbench.synonyms.add')}</h2>} style={{ marginBottom: 12 }}>
        <Form layout="vertical" component="div">
          <Form.Item
            label={t('mk.workbench.synonyms.terms')}
            htmlFor="synonym-new"
            validateStatus={error ? 'error' : undefined}
            help={error ? <span data-testid="synonym-error">{error}</span> : t('mk.workbench.synonyms.termsHelp')}
            style={{ marginBottom: 0 }}
          >
            <div className="kft-syn-edit">
              <TermsInput
                id="synonym-new"
                value={terms}
                onChange={(v) => {
                  setTerms(v);
                  setError(null);
                }}
              />
              <Button type="primary" loading={busy} onClick={add} data-testid="synonym-add">
                {t('mk.workbench.synonyms.addButton')}
              </Button>
            </div>
          </Form.Item>
        </Form>
      </Card>
      <Card
        size="small"
        title={
          <h2 className="kft-card-title">
            {t('mk.workbench.synonyms.list')}{' '}
            <span className="kft-meta" style={{ fontWeight: 'normal' }}>
              {t('mk.workbench.synonyms.count', { count: groups.length })}
            </span>
          </h2>
        }
      >
        <Input.Search
          allowClear
          value={find}
          onChange={(e) => setFind(e.target.value)}
          aria-label={t('mk.workbench.synonyms.find')}
          placeholder={t('mk.workbench.synonyms.find')}
          style={{ maxWidth: 320, marginBottom: 8 }}
          data-testid="synonym-find"
        />
        {list.error && <Alert type="error" showIcon title={list.error} />}
        {!list.data && !list.error && <Loading />}
        {list.data && shown.length === 0 && (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={needle ? t('mk.workbench.synonyms.noMatch', { q: find.trim() }) : t('mk.workbench.synonyms.empty')}
          />
        )}
        <ul className="kft-syn-list" data-testid="synonym-list">
          {shown.map((g) => (
            <SynonymRow key={`${g.id}:${g.terms.join(',')}`} group={g} flash={flash === g.id} onChanged={changed} />
          ))}
        </ul>
      </Card>
    </div>
  );
}
