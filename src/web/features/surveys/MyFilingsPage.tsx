/** 我的统计报表: the member's organization's filings, each to fill, save as a draft and submit. */
import { Alert, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useTitle } from '../../shell/context';
import { filingsQuery, type FilingStatus } from './api';

export const STATUS_COLOUR: Record<FilingStatus, string> = {
  pending: 'default',
  draft: 'processing',
  submitted: 'blue',
  returned: 'warning',
  accepted: 'success',
};

export default function MyFilingsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  useTitle(t('svy.myTitle'));
  const filings = useQuery(filingsQuery());
  return (
    <div>
      <Typography.Title level={1} className="kft-page-title">
        {t('svy.myTitle')}
      </Typography.Title>
      <Typography.Paragraph className="kft-meta">{t('svy.myHelp')}</Typography.Paragraph>
      {filings.error && <Alert type="error" message={filings.error.message} />}
      <Table
        rowKey="id"
        size="small"
        loading={filings.isLoading}
        dataSource={filings.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('svy.noFilings') }}
        columns={[
          {
            title: t('svy.title'),
            key: 'title',
            render: (_, f) => t('svy.filingTitle', { title: en ? f.round.titleEn : f.round.titleZh, period: f.round.period }),
          },
          {
            title: t('svy.deadline'),
            key: 'deadline',
            render: (_, f) => (
              <>
                {f.round.deadline} {f.round.overdue && <Tag color="warning">{t('svy.overdue')}</Tag>}
              </>
            ),
          },
          { title: t('svy.status'), dataIndex: 'status', render: (s: FilingStatus) => <Tag color={STATUS_COLOUR[s]}>{t(`svy.st.${s}`)}</Tag> },
          {
            title: '',
            key: 'open',
            render: (_, f) => (
              <Link to={`/surveys/filings/${f.id}`} data-testid={`open-filing-${f.id}`}>
                {f.can.edit ? t('svy.fill') : t('svy.view')}
              </Link>
            ),
          },
        ]}
      />
    </div>
  );
}
