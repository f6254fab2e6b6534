/**
 * 门户首页: the portal's front page. Its figures come in one request (GET /api/v1/portal/front): the city's headline
 * figures against the 2025 targets, the latest published statistical bulletin (shown once one is published), the
 * offices' notices (an office posts, changes and takes down its own here), the newest achievements, demands and
 * instruments, and a way into each service.
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, List, Modal, Popconfirm, Progress as Bar, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { canManage, useAuth, useNames, useTitle } from '../../shell/context';
import { clearFieldErrors, showFieldErrors } from '../../lib/formErrors';
import { useFigure } from '../statistics/format';
import { STATUS_COLOUR } from '../statistics/components/ProgressCell';
import { changeNotice, frontQuery, portalKeys, postNotice, removeNotice, type Front, type HeadlineFigure, type Notice, type NoticeFields } from './api';
import { periodLabel } from '../bulletins/format';
import { fmtStamp } from '../../lib/time';
import '../bulletins/bulletins.css';
import './portal.css';

/** The platform's services, each with its way in (the menu has the same entries; these say what each is for). */
const SERVICES = [
  { key: 'directory', to: '/orgs' },
  { key: 'instruments', to: '/instruments' },
  { key: 'services', to: '/services' },
  { key: 'market', to: '/search' },
  { key: 'vouchers', to: '/voucher-notices' },
  { key: 'contracts', to: '/contracts' },
  { key: 'publications', to: '/publications' },
  { key: 'dashboards', to: '/dashboards' },
] as const;

export default function FrontPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  useTitle(t('portal.title'));
  const { data, error, isLoading } = useQuery(frontQuery);
  const [editing, setEditing] = useState<Notice | 'new' | null>(null);

  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('portal.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('portal.lead')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={String((error as Error).message)} />}
      {isLoading && <Skeleton active />}
      {data && (
        <>
          <Headline figures={data.headline} />
          {/* the latest published statistical bulletin (统计信息发布): shown once one is published; no placeholder content */}
          {data.bulletin && <LatestBulletin bulletin={data.bulletin} />}
          <Row gutter={[16, 16]} className="kft-front-section">
            <Col xs={24} lg={12}>
              <Card
                size="small"
                title={t('portal.notices')}
                data-testid="front-notices"
                extra={
                  canManage(user) && (
                    <Button size="small" type="primary" onClick={() => setEditing('new')} data-testid="notice-new">
                      {t('portal.post')}
                    </Button>
                  )
                }
              >
                <Notices notices={data.notices} onEdit={setEditing} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('portal.servicesTitle')} data-testid="front-services">
                <div className="kft-front-services">
                  {SERVICES.map((s) => (
                    <Link key={s.key} to={s.to} className="kft-front-service" data-service={s.key}>
                      <strong>{t(`portal.service.${s.key}.name`)}</strong>
                      <span className="kft-meta">{t(`portal.service.${s.key}.what`)}</span>
                    </Link>
                  ))}
                </div>
              </Card>
            </Col>
          </Row>
          <Newest front={data} />
        </>
      )}
      {editing && <NoticeEditor notice={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </div>
  );
}

function LatestBulletin({ bulletin: b }: { bulletin: NonNullable<Front['bulletin']> }) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      size="small"
      className="kft-front-section"
      data-testid="front-bulletin"
      data-bulletin-id={b.id}
      title={t('portal.latestBulletin')}
      extra={<Link to="/bulletins">{t('portal.allBulletins')}</Link>}
    >
      <Link to={`/bulletins/${b.id}`} className="kft-front-bulletin-title">
        {b.title}
      </Link>
      <div className="kft-meta">
        <Space size={[8, 4]} wrap>
          <span className="kft-bulletin-number">{b.number}</span>
          <span>{periodLabel(b.period, i18n.language.startsWith('en'))}</span>
          <span>{fmtStamp(b.publishedAt)}</span>
          {b.version > 1 && <Tag bordered={false}>{t('portal.bulletinCorrected', { version: b.version })}</Tag>}
        </Space>
      </div>
    </Card>
  );
}

function Headline({ figures }: { figures: HeadlineFigure[] }) {
  const { t, i18n } = useTranslation();
  const figure = useFigure();
  const en = i18n.language === 'en';
  return (
    <Card
      size="small"
      title={t('portal.headline')}
      extra={<Link to="/dashboards/chongqing">{t('portal.toDashboard')}</Link>}
      data-testid="front-headline"
      className="kft-front-section"
    >
      <Row gutter={[12, 12]}>
        {figures.map((h) => (
          <Col xs={12} lg={8} key={h.id}>
            <div className="kft-front-figure" data-testid="headline-figure" data-indicator={h.indicator} data-status={h.status}>
              <div className="kft-meta">{en ? h.nameEn : h.nameZh}</div>
              <div className="kft-front-value">{h.value === null ? t('stats14.noValue') : figure(h.value, h.unit as Parameters<typeof figure>[1])}</div>
              {h.period && <div className="kft-meta">{t('stats14.period', { period: h.period })}</div>}
              {h.target !== null && (
                <>
                  <Bar percent={Math.min(100, h.percent ?? 0)} format={() => (h.percent === null ? '—' : `${h.percent}%`)} size="small" />
                  <Space size={4} wrap>
                    <span className="kft-meta">{t('portal.target2025', { value: figure(h.target, h.unit as Parameters<typeof figure>[1]) })}</span>
                    <Tag bordered={false} color={STATUS_COLOUR[h.status]}>
                      {t(`stats14.status.${h.status}`)}
                    </Tag>
                  </Space>
                </>
              )}
            </div>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function Notices({ notices, onEdit }: { notices: Notice[]; onEdit: (n: Notice) => void }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: number) => removeNotice(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: portalKeys.front });
      void message.success(t('portal.removed'));
    },
    onError: (e) => void message.error((e as Error).message),
  });
  if (!notices.length) return <Typography.Text type="secondary">{t('portal.noNotices')}</Typography.Text>;
  const day = (d: string) => new Date(d).toLocaleDateString(i18n.language, { timeZone: 'Asia/Shanghai' });
  return (
    <List
      size="small"
      dataSource={notices}
      renderItem={(n) => (
        <List.Item
          data-testid="notice"
          actions={
            n.can.edit
              ? [
                  <Button key="edit" size="small" type="link" onClick={() => onEdit(n)}>
                    {t('portal.edit')}
                  </Button>,
                  <Popconfirm
                    key="remove"
                    title={t('portal.removeConfirm')}
                    okText={t('portal.remove')}
                    cancelText={t('portal.cancel')}
                    onConfirm={() => remove.mutate(n.id)}
                  >
                    <Button size="small" type="link" danger>
                      {t('portal.remove')}
                    </Button>
                  </Popconfirm>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={n.link ? <Link to={n.link}>{n.title}</Link> : n.title}
            description={
              <>
                <div className="kft-front-notice-body">{n.body}</div>
                <span className="kft-meta">
                  {n.districtCode ? names.district(n.districtCode) : t('portal.cityOffice')} · {day(n.publishedAt)}
                </span>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

function Newest({ front }: { front: Front }) {
  const { t } = useTranslation();
  const names = useNames();
  const block = (key: string, more: string, items: { id: number; to: string; title: string; meta: string }[]) => (
    <Col xs={24} md={8} key={key}>
      <Card size="small" title={t(`portal.newest.${key}`)} extra={<Link to={more}>{t('portal.more')}</Link>} data-testid={`front-${key}`}>
        {items.length ? (
          <ul className="kft-front-list">
            {items.map((i) => (
              <li key={i.id}>
                <Link to={i.to}>{i.title}</Link>
                <div className="kft-meta">{i.meta}</div>
              </li>
            ))}
          </ul>
        ) : (
          <Typography.Text type="secondary">{t('portal.none')}</Typography.Text>
        )}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[16, 16]} className="kft-front-section">
      {block(
        'achievements',
        '/search?kind=achievement',
        front.achievements.map((a) => ({ id: a.id, to: `/achievements/${a.id}`, title: a.title, meta: a.ownerName })),
      )}
      {block(
        'demands',
        '/search?kind=demand',
        front.demands.map((d) => ({ id: d.id, to: `/demands/${d.id}`, title: d.title, meta: d.orgName })),
      )}
      {block(
        'instruments',
        '/instruments',
        front.instruments.map((i) => ({
          id: i.id,
          to: `/instruments/${i.id}`,
          title: i.name,
          meta: i.districtCode ? `${i.ownerName} · ${names.district(i.districtCode)}` : i.ownerName,
        })),
      )}
    </Row>
  );
}

function NoticeEditor({ notice, onClose }: { notice: Notice | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<NoticeFields>();
  const [other, setOther] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (v: NoticeFields) => {
      const body = { title: v.title, body: v.body, link: v.link?.trim() ? v.link.trim() : null };
      return notice ? changeNotice(notice.id, { ...body, version: notice.version }) : postNotice(body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: portalKeys.front });
      void message.success(t(notice ? 'portal.changed' : 'portal.posted'));
      onClose();
    },
    onError: (e) => setOther(showFieldErrors(form, e, ['title', 'body', 'link'])),
  });
  const required = (label: string) => [{ required: true, whitespace: true, message: t('portal.required', { label }) }];
  return (
    <Modal
      open
      title={notice ? t('portal.editTitle') : t('portal.postTitle')}
      okText={t('portal.save')}
      cancelText={t('portal.cancel')}
      confirmLoading={save.isPending}
      onOk={() => {
        clearFieldErrors(form);
        setOther([]);
        void form.validateFields().then((v) => save.mutate(v));
      }}
      onCancel={onClose}
    >
      {other.length > 0 && <Alert type="error" showIcon title={other.join(' ')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" requiredMark initialValues={notice ? { title: notice.title, body: notice.body, link: notice.link ?? '' } : undefined}>
        <Form.Item name="title" label={t('portal.fieldTitle')} rules={required(t('portal.fieldTitle'))}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="body" label={t('portal.fieldBody')} rules={required(t('portal.fieldBody'))}>
          <Input.TextArea rows={4} maxLength={5000} />
        </Form.Item>
        <Form.Item name="link" label={t('portal.fieldLink')} extra={t('portal.fieldLinkHelp')}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
