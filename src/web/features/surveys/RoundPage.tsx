/** One survey round for the offices: counts by state per district (the city every district, a district office its own) and the late list. */
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useNames, useTitle } from '../../shell/context';
import { FILING_STATUSES, lateQuery, progressQuery } from './api';
import { Counts } from './SurveysAdminPage';

export default function RoundPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const names = useNames();
  const id = Number(useParams().id);
  const progress = useQuery(progressQuery(id));
  const late = useQuery(lateQuery(id));
  const round = progress.data?.round;
  useTitle(round ? (en ? round.titleEn : round.titleZh) : t('svy.adminTitle'));
  if (progress.error) return <Alert type="error" message={progress.error.message} />;
  return (
    <div>
      <Typography.Paragraph>
        <Link to="/admin/surveys">{t('svy.adminTitle')}</Link>
      </Typography.Paragraph>
      <Typography.Title level={1} className="kft-page-title">
        {round ? `${en ? round.titleEn : round.titleZh}（${round.period}）` : ''}
      </Typography.Title>
      {round && (
        <Typography.Paragraph>
          {t('svy.deadlineOn', { date: round.deadline })} {round.overdue && <Tag color="warning">{t('svy.overdue')}</Tag>} <Counts c={round.counts} />
        </Typography.Paragraph>
      )}
      <Card size="small" title={t('svy.byDistrict')} style={{ marginBottom: 12 }}>
        <Table
          rowKey={(r) => r.districtCode ?? '-'}
          size="small"
          loading={progress.isLoading}
          dataSource={progress.data?.districts ?? []}
          pagination={false}
          data-testid="progress-table"
          columns={[
            { title: t('svy.district'), key: 'd', render: (_, r) => (en ? r.nameEn : r.nameZh) },
            ...[...FILING_STATUSES, 'total' as const].map((s) => ({ title: t(`svy.stCount.${s}`), dataIndex: s, align: 'right' as const })),
          ]}
        />
      </Card>
      <Card size="small" title={t('svy.late')}>
        <Table
          rowKey="filingId"
          size="small"
          loading={late.isLoading}
          dataSource={late.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('svy.lateEmpty') }}
          columns={[
            { title: t('svy.org'), dataIndex: 'orgName', render: (n, r) => <Link to={`/orgs/${r.orgId}`}>{n}</Link> },
            { title: t('svy.district'), dataIndex: 'districtCode', render: (d) => names.district(d) },
            { title: t('svy.status'), dataIndex: 'status', render: (s) => t(`svy.st.${s}`) },
          ]}
        />
      </Card>
    </div>
  );
}
