/**
 * /bulletins/new and /bulletins/:id/edit — an office composes a bulletin: the period, title, lead and sections, and
 * the indicators it cites (those its scope may cite, as the server's policy says); saves the draft, previews the
 * figures the indicators hold now and publishes. A published bulletin's form prepares a correction: the same fields,
 * a correction note, and publishing makes the next version under the same number.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Popconfirm, Result, Select, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { canManage, useAuth, useNames, useTitle } from '../../shell/context';
import { clearFieldErrors, showFieldErrors } from '../../lib/formErrors';
import { indicatorsQuery } from '../statistics/api';
import { portalKeys } from '../portal/api';
import { bulletinKeys, bulletinQuery, changeBulletin, createBulletin, previewQuery, publishBulletin, type Bulletin, type BulletinFields } from './api';
import FigureList from './FigureList';
import { useIsEnglish } from './format';
import './bulletins.css';

const FIELDS = ['scope', 'period', 'title', 'lead', 'sections', 'indicatorIds'] as const;
type Values = BulletinFields & { scope: string };

/** The indicators a bulletin of this scope may cite (the server's policy.ts mayCite, repeated for the picker). */
const citable = (bulletinScope: string, indicatorScope: string) =>
  indicatorScope === bulletinScope || (bulletinScope === 'chongqing' ? indicatorScope.startsWith('cluster:') : indicatorScope === 'chongqing');

export default function BulletinEditPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const params = useParams();
  const id = params.id ? Number(params.id) : null;
  const existing = useQuery({ ...bulletinQuery(id ?? 0), enabled: !!id });
  if (!canManage(user)) return <Result status="403" title="403" subTitle={t('bulletin.lead')} />;
  if (id && existing.error) return <Alert type="error" showIcon title={String((existing.error as Error).message)} />;
  if (id && !existing.data) return <Skeleton active />;
  return <Composer key={id ?? 'new'} bulletin={existing.data ?? null} />;
}

function Composer({ bulletin }: { bulletin: Bulletin | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const names = useNames();
  const en = useIsEnglish();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [noteForm] = Form.useForm<{ correctionNote: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const [dirty, setDirty] = useState(!bulletin);
  const published = bulletin?.status === 'published';
  useTitle(published ? t('bulletin.correctTitle', { number: bulletin?.number }) : bulletin ? t('bulletin.editTitle') : t('bulletin.newTitle'));

  const ownScope = user?.role === 'district_admin' ? `district:${user.districtCode}` : 'chongqing';
  const scope = Form.useWatch('scope', form) ?? bulletin?.scope ?? ownScope;
  const indicators = useQuery(indicatorsQuery);
  const options = (indicators.data ?? [])
    .filter((i) => citable(scope, i.scope))
    .map((i) => ({
      value: i.id,
      label: `${en ? i.nameEn : i.nameZh}${i.scope === scope ? '' : ` · ${i.scope === 'chongqing' ? t('bulletin.city') : i.scope}`}`,
    }));
  const scopes =
    user?.role === 'admin'
      ? [
          { value: 'chongqing', label: t('bulletin.city') },
          ...names.currentDivisions.map((d) => ({ value: `district:${d.code}`, label: en ? (d.nameEn ?? d.name) : d.name })),
        ]
      : [{ value: ownScope, label: names.district(user?.districtCode) }];

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: bulletinKeys.all });
    void qc.invalidateQueries({ queryKey: portalKeys.front });
  };
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const fields = { period: v.period, title: v.title, lead: v.lead ?? '', sections: v.sections ?? [], indicatorIds: v.indicatorIds ?? [] };
      return bulletin ? changeBulletin(bulletin.id, { ...fields, version: bulletin.draft!.version }) : createBulletin({ ...fields, scope: v.scope });
    },
    onSuccess: (b) => {
      message.success(t('bulletin.saved'));
      setDirty(false);
      qc.setQueryData(bulletinQuery(b.id).queryKey, b);
      refresh();
      if (!bulletin) navigate(`/bulletins/${b.id}/edit`, { replace: true });
    },
  });
  const publish = useMutation({
    mutationFn: (note: string | undefined) => publishBulletin(bulletin!.id, { version: bulletin!.draft!.version, ...(note ? { correctionNote: note } : {}) }),
    onSuccess: (b) => {
      message.success(t('bulletin.published', { number: b.number }));
      qc.setQueryData(bulletinQuery(b.id).queryKey, b);
      refresh();
      navigate(`/bulletins/${b.id}`);
    },
  });
  const preview = useQuery({ ...previewQuery(bulletin?.id ?? 0, bulletin?.draft?.version ?? 0), enabled: !!bulletin && !dirty });
  const draft = bulletin?.draft;
  const required = (label: string) => [{ required: true, message: t('bulletin.required', { label }) }];

  return (
    <div data-testid="bulletin-composer" data-bulletin-id={bulletin?.id ?? ''}>
      <Link to={bulletin && published ? `/bulletins/${bulletin.id}` : '/bulletins'}>← {t('bulletin.back')}</Link>
      <Typography.Title level={1} className="kft-page-title">
        {published ? t('bulletin.correctTitle', { number: bulletin?.number }) : bulletin ? t('bulletin.editTitle') : t('bulletin.newTitle')}
      </Typography.Title>
      {errors.length > 0 && <Alert type="error" showIcon role="alert" title={errors.join('；')} className="kft-front-section" />}
      <Card size="small">
        <Form
          form={form}
          layout="vertical"
          initialValues={
            draft
              ? {
                  scope: bulletin.scope,
                  period: draft.period,
                  title: draft.title,
                  lead: draft.lead,
                  sections: draft.sections,
                  indicatorIds: draft.indicatorIds,
                }
              : { scope: ownScope, sections: [] }
          }
          onValuesChange={() => {
            clearFieldErrors(form);
            setDirty(true);
          }}
          onFinish={async (v) => {
            setErrors([]);
            try {
              await save.mutateAsync(v);
            } catch (e) {
              setErrors(showFieldErrors(form, e, FIELDS));
            }
          }}
        >
          <Form.Item name="scope" label={t('bulletin.scope')} rules={required(t('bulletin.scope'))}>
            <Select options={scopes} disabled={!!bulletin || scopes.length === 1} showSearch optionFilterProp="label" data-testid="field-scope" />
          </Form.Item>
          <Form.Item name="period" label={t('bulletin.fieldPeriod')} extra={t('bulletin.fieldPeriodHelp')} rules={required(t('bulletin.fieldPeriod'))}>
            <Input maxLength={7} data-testid="field-period" />
          </Form.Item>
          <Form.Item name="title" label={t('bulletin.fieldTitle')} rules={required(t('bulletin.fieldTitle'))}>
            <Input maxLength={100} data-testid="field-title" />
          </Form.Item>
          <Form.Item name="lead" label={t('bulletin.fieldLead')}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="field-lead" />
          </Form.Item>
          <Form.List name="sections">
            {(items, { add, remove }) => (
              <Form.Item label={t('bulletin.fieldSections')}>
                {items.map((item, n) => (
                  <Card size="small" key={item.key} className="kft-bulletin-section-editor" data-testid="section-editor">
                    <Form.Item name={[item.name, 'heading']} label={t('bulletin.fieldHeading')} rules={required(t('bulletin.fieldHeading'))}>
                      <Input maxLength={100} data-testid={`section-heading-${n}`} />
                    </Form.Item>
                    <Form.Item name={[item.name, 'body']} label={t('bulletin.fieldBody')} rules={required(t('bulletin.fieldBody'))}>
                      <Input.TextArea rows={3} maxLength={5000} data-testid={`section-body-${n}`} />
                    </Form.Item>
                    <Button size="small" danger onClick={() => remove(item.name)}>
                      {t('bulletin.removeSection')}
                    </Button>
                  </Card>
                ))}
                <Button onClick={() => add({ heading: '', body: '' })} data-testid="section-add">
                  {t('bulletin.addSection')}
                </Button>
              </Form.Item>
            )}
          </Form.List>
          <Form.Item
            name="indicatorIds"
            label={t('bulletin.fieldIndicators')}
            extra={t('bulletin.fieldIndicatorsHelp')}
            rules={required(t('bulletin.fieldIndicators'))}
          >
            <Select mode="multiple" options={options} loading={indicators.isLoading} optionFilterProp="label" allowClear data-testid="field-indicators" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="bulletin-save">
            {t('bulletin.save')}
          </Button>
        </Form>
      </Card>

      <Card size="small" title={t('bulletin.preview')} className="kft-front-section" data-testid="bulletin-preview">
        {!bulletin || dirty ? (
          <Typography.Text type="secondary">{t('bulletin.saveFirst')}</Typography.Text>
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('bulletin.previewHelp')}</Typography.Paragraph>
            {preview.error && <Alert type="error" showIcon title={String((preview.error as Error).message)} />}
            {preview.isLoading ? <Skeleton active /> : <FigureList figures={preview.data?.figures ?? []} testId="preview-figures" />}
          </>
        )}
      </Card>

      {bulletin && (
        <Card size="small" className="kft-front-section">
          <Form form={noteForm} layout="vertical" onValuesChange={() => clearFieldErrors(noteForm)}>
            {published && (
              <Form.Item name="correctionNote" label={t('bulletin.fieldNote')} extra={t('bulletin.fieldNoteHelp')} rules={required(t('bulletin.fieldNote'))}>
                <Input.TextArea rows={2} maxLength={500} data-testid="field-note" />
              </Form.Item>
            )}
            <Space wrap>
              <Popconfirm
                title={t('bulletin.publishConfirm')}
                onConfirm={async () => {
                  setErrors([]);
                  try {
                    const note = published ? (await noteForm.validateFields()).correctionNote : undefined;
                    await publish.mutateAsync(note);
                  } catch (e) {
                    if (e && typeof e === 'object' && 'errorFields' in e) return; // the form shows it
                    setErrors(showFieldErrors(noteForm, e, ['correctionNote']));
                  }
                }}
              >
                <Button type="primary" danger={published} disabled={dirty} loading={publish.isPending} data-testid="bulletin-publish">
                  {published ? t('bulletin.publishCorrection') : t('bulletin.publish')}
                </Button>
              </Popconfirm>
            </Space>
          </Form>
        </Card>
      )}
    </div>
  );
}
