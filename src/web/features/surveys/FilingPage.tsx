/**
 * One filing. The member fills it (the form's fields as data: number, text, choice, date; a field whose `relevant`
 * does not hold is not asked, evaluated by a copy of the server's expression code), saves a draft and
 * submits; a value three times or a third of last period's is confirmed with a reason. The district office reviews
 * it here: accept, or return with a reason. Its history underneath.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useAuth, useTitle } from '../../shell/context';
import { ApiError } from '../../api/client';
// the web reaches the server over HTTP only: this is a copy of the server's evaluator, kept identical by test/unit/survey-expressions.test.ts
import { holds, parseExpression } from './expressions';
import { filingHistoryQuery, filingQuery, reviewFiling, saveFiling, submitFiling, surveyKeys, type SurveyField, type SurveyFiling } from './api';
import { STATUS_COLOUR } from './MyFilingsPage';

type Values = Record<string, number | string | null>;

/** Whether a field is asked, given the values (an expression that cannot be read: asked). */
function asked(f: SurveyField, values: Values): boolean {
  if (!f.relevant) return true;
  try {
    return holds(parseExpression(f.relevant), { get: (n) => values[n] });
  } catch {
    return true;
  }
}

export default function FilingPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const filing = useQuery(filingQuery(id));
  useTitle(t('svy.myTitle'));
  if (filing.error) return <Alert type="error" message={filing.error.message} />;
  if (!filing.data) return null;
  return <FilingView key={`${filing.data.id}-${filing.data.version}`} filing={filing.data} en={i18n.language === 'en'} />;
}

function FilingView({ filing, en }: { filing: SurveyFiling; en: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useAuth();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ values: Values }>();
  const [values, setValues] = useState<Values>(filing.values);
  const [problems, setProblems] = useState<string[]>([]);
  const [confirm, setConfirm] = useState<{ path: string; message: string }[] | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>(filing.confirmations);
  const [returning, setReturning] = useState(false);
  const [returnReason, setReturnReason] = useState('');
  const history = useQuery(filingHistoryQuery(filing.id));
  const fields = filing.form.fields;
  const shown = useMemo(() => fields.filter((f) => asked(f, values)), [fields, values]);
  const editable = filing.can.edit;
  const refresh = () => qc.invalidateQueries({ queryKey: surveyKeys.all });

  const showErrors = (e: unknown) => {
    if (!(e instanceof ApiError)) return setProblems([String(e)]);
    const onFields = e.fields.filter((f) => f.path.startsWith('values.'));
    form.setFields(onFields.map((f) => ({ name: ['values', f.path.slice('values.'.length)], errors: [f.message] })));
    const rest = e.fields.filter((f) => !f.path.startsWith('values.') && !f.path.startsWith('confirmations.')).map((f) => f.message);
    setProblems(onFields.length ? rest : [e.message, ...rest]);
  };
  const current = (): Values => {
    const v = form.getFieldValue('values') as Values;
    return Object.fromEntries(shown.map((f) => [f.name, v?.[f.name] ?? null]));
  };
  const save = useMutation({
    mutationFn: () => saveFiling(filing.id, { values: current(), confirmations: reasons, version: filing.version }),
    onSuccess: () => {
      message.success(t('svy.saved'));
      refresh();
    },
    onError: showErrors,
  });
  const submit = useMutation({
    mutationFn: () => submitFiling(filing.id, { values: current(), confirmations: reasons, version: filing.version }),
    onSuccess: () => {
      message.success(t('svy.submitted'));
      setConfirm(null);
      refresh();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409 && e.fields.some((f) => f.path.startsWith('confirmations.'))) {
        setProblems([]);
        return setConfirm(e.fields.filter((f) => f.path.startsWith('confirmations.')));
      }
      showErrors(e);
    },
  });
  const review = useMutation({
    mutationFn: (decision: 'accept' | 'return') =>
      reviewFiling(filing.id, { decision, reason: decision === 'return' ? returnReason : undefined, version: filing.version }),
    onSuccess: (f) => {
      message.success(f.status === 'accepted' ? t('svy.accepted') : t('svy.returned'));
      setReturning(false);
      refresh();
    },
    onError: (e) => setProblems(e instanceof ApiError && e.fields.length ? e.fields.map((f) => f.message) : [e.message]),
  });

  const label = (f: SurveyField) => (en ? f.labelEn : f.labelZh);
  const input = (f: SurveyField) => {
    if (f.type === 'integer' || f.type === 'decimal')
      return (
        <InputNumber
          style={{ width: 220 }}
          precision={f.type === 'integer' ? 0 : undefined}
          addonAfter={f.unit || undefined}
          aria-label={label(f)}
          disabled={!editable}
        />
      );
    if (f.type === 'select_one')
      return (
        <Select
          style={{ width: 220 }}
          placeholder={t('svy.choose')}
          aria-label={label(f)}
          disabled={!editable}
          options={(filing.form.choices[f.listName ?? ''] ?? []).map((c) => ({ value: c.name, label: en ? c.labelEn : c.labelZh }))}
        />
      );
    if (f.type === 'date') return <Input type="date" style={{ width: 220 }} aria-label={label(f)} disabled={!editable} />;
    return <Input style={{ width: 320 }} maxLength={500} aria-label={label(f)} disabled={!editable} />;
  };
  const lastOf = (f: SurveyField) => {
    const v = filing.last?.values[f.name];
    return v === undefined || v === null ? null : t('svy.lastPeriod', { period: filing.last!.period, value: `${v}${f.unit ?? ''}` });
  };

  return (
    <div>
      <Typography.Paragraph>
        <Link to={user?.role === 'org_member' ? '/surveys' : '/admin/surveys'}>{user?.role === 'org_member' ? t('svy.myTitle') : t('svy.adminTitle')}</Link>
      </Typography.Paragraph>
      <Typography.Title level={1} className="kft-page-title">
        {t('svy.filingTitle', { title: en ? filing.round.titleEn : filing.round.titleZh, period: filing.round.period })}
      </Typography.Title>
      <Typography.Paragraph>
        <Space wrap>
          <span>{filing.orgName}</span>
          <Tag color={STATUS_COLOUR[filing.status]} data-testid="filing-status">
            {t(`svy.st.${filing.status}`)}
          </Tag>
          <span className="kft-meta">{t('svy.deadlineOn', { date: filing.round.deadline })}</span>
          {filing.round.overdue && <Tag color="warning">{t('svy.overdue')}</Tag>}
        </Space>
      </Typography.Paragraph>
      {filing.status === 'returned' && filing.reason && (
        <Alert type="warning" showIcon message={t('svy.returnedReason', { reason: filing.reason })} style={{ marginBottom: 12 }} />
      )}
      {filing.prefilled && editable && <Alert type="info" showIcon message={t('svy.prefilled')} style={{ marginBottom: 12 }} />}
      {!editable && !filing.can.review && (
        <Alert type="info" message={t('svy.readOnly', { status: t(`svy.st.${filing.status}`) })} style={{ marginBottom: 12 }} />
      )}
      {problems.length > 0 && <Alert type="error" message={problems.join(' ')} style={{ marginBottom: 12 }} data-testid="filing-problems" />}
      <Card size="small" title={en ? filing.form.titleEn : filing.form.titleZh}>
        <Form form={form} layout="vertical" initialValues={{ values: filing.values }} onValuesChange={(_, all) => setValues(all.values ?? {})}>
          {shown.map((f) => (
            <Form.Item
              key={f.name}
              name={['values', f.name]}
              label={label(f)}
              required={f.required === 'yes'}
              extra={[en ? f.hintEn : f.hintZh, lastOf(f)].filter(Boolean).join(' · ') || undefined}
              data-field={f.name}
            >
              {input(f)}
            </Form.Item>
          ))}
        </Form>
        {editable && (
          <Space>
            <Button onClick={() => save.mutate()} loading={save.isPending} data-testid="save-draft">
              {t('svy.saveDraft')}
            </Button>
            <Button type="primary" onClick={() => submit.mutate()} loading={submit.isPending} data-testid="submit-filing">
              {t('svy.submit')}
            </Button>
          </Space>
        )}
        {filing.can.review && (
          <Space>
            <Button type="primary" onClick={() => review.mutate('accept')} loading={review.isPending} data-testid="accept-filing">
              {t('svy.accept')}
            </Button>
            <Button danger onClick={() => setReturning(true)} data-testid="return-filing">
              {t('svy.return')}
            </Button>
          </Space>
        )}
      </Card>
      <Modal
        open={!!confirm}
        title={t('svy.confirmTitle')}
        onCancel={() => setConfirm(null)}
        onOk={() => submit.mutate()}
        okText={t('svy.submit')}
        confirmLoading={submit.isPending}
      >
        <Typography.Paragraph>{t('svy.confirmHelp')}</Typography.Paragraph>
        {confirm?.map((c) => {
          const name = c.path.slice('confirmations.'.length);
          return (
            <div key={c.path} style={{ marginBottom: 12 }}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>{c.message}</Typography.Paragraph>
              <Input
                aria-label={`${t('svy.confirmReason')} ${name}`}
                placeholder={t('svy.confirmReason')}
                value={reasons[name] ?? ''}
                onChange={(e) => setReasons({ ...reasons, [name]: e.target.value })}
                data-testid={`confirm-${name}`}
              />
            </div>
          );
        })}
      </Modal>
      <Modal
        open={returning}
        title={t('svy.return')}
        onCancel={() => setReturning(false)}
        onOk={() => review.mutate('return')}
        okText={t('svy.return')}
        confirmLoading={review.isPending}
      >
        <Input.TextArea
          aria-label={t('svy.returnReason')}
          placeholder={t('svy.returnReason')}
          value={returnReason}
          onChange={(e) => setReturnReason(e.target.value)}
          rows={3}
        />
      </Modal>
      <Card size="small" title={t('svy.history')} style={{ marginTop: 12 }}>
        <Timeline
          items={(history.data ?? []).map((h) => ({
            key: h.id,
            children: (
              <span>
                {new Date(h.at).toLocaleString(en ? 'en-GB' : 'zh-CN')} · {h.actorName} · {t(`svy.action.${h.action}`, { defaultValue: h.action })}
                {h.after && typeof h.after.reason === 'string' ? `：${h.after.reason}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </div>
  );
}
