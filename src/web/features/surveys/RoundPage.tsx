/**
 * One survey round for the offices: counts by state per district (the city every district, a district office its
 * own), bulk filing from the form's xlsx, and the late list with 催报.
 */
import { Alert, Card, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useTitle } from '../../shell/context';
import { FILING_STATUSES, progressQuery } from './api';
import { BulkFilingPanel } from './components/BulkFilingPanel';
import { LateListCard } from './components/LateListCard';
import { Counts } from './SurveysAdminPage';

export default function RoundPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const id = Number(useParams().id);
  const progress = useQuery(progressQuery(id));
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
      {round && <BulkFilingPanel roundId={id} />}
      {round && <LateListCard roundId={id} overdue={round.overdue} />}
    </div>
  );
}
