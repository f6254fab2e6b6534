/** The late list of a round (after the deadline) with the 催报 button: once a day per round and office, its result shown. */
import { Alert, App, Button, Card, Popconfirm, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useNames } from '../../../shell/context';
import { chaseLate, lateQuery } from '../api';

const clock = (at: string, en: boolean) => new Date(at).toLocaleTimeString(en ? 'en-GB' : 'zh-CN', { hour: '2-digit', minute: '2-digit' });

export function LateListCard({ roundId, overdue }: { roundId: number; overdue: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const names = useNames();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const late = useQuery(lateQuery(roundId));
  const items = late.data?.items ?? [];
  const chase = late.data?.chase ?? null;
  const send = useMutation({
    mutationFn: () => chaseLate(roundId),
    onSuccess: (r) => {
      message.success(t('svy.chaseDone', { orgs: r.orgs, people: r.recipients }));
      qc.invalidateQueries({ queryKey: lateQuery(roundId).queryKey });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Card
      size="small"
      title={t('svy.late')}
      data-testid="late-card"
      extra={
        overdue &&
        items.length > 0 && (
          <Popconfirm title={t('svy.chaseConfirm', { n: items.length })} onConfirm={() => send.mutate()} disabled={!!chase}>
            <Button type="primary" danger disabled={!!chase} loading={send.isPending} data-testid="chase">
              {t('svy.chase')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {overdue && items.length > 0 && !chase && <Typography.Text className="kft-meta">{t('svy.chaseHelp')}</Typography.Text>}
        {chase && (
          <Alert
            type="info"
            showIcon
            data-testid="chased"
            message={t('svy.chasedToday', { time: clock(chase.sentAt, en), orgs: chase.orgs, people: chase.recipients })}
          />
        )}
        <Table
          rowKey="filingId"
          size="small"
          loading={late.isLoading}
          dataSource={items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: t('svy.lateEmpty') }}
          columns={[
            { title: t('svy.org'), dataIndex: 'orgName', render: (n, r) => <Link to={`/orgs/${r.orgId}`}>{n}</Link> },
            { title: t('svy.district'), dataIndex: 'districtCode', render: (d) => names.district(d) },
            { title: t('svy.status'), dataIndex: 'status', render: (s) => t(`svy.st.${s}`) },
          ]}
        />
      </Space>
    </Card>
  );
}
