/** /contracts/verify/:number — public: is this registration number real? (200 real, 404 otherwise) */
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { Card, Descriptions, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import { fmtDateTime } from '../../lib/time';
import { verifyQuery } from './api';

export default function VerifyPage() {
  const { t } = useTranslation();
  useTitle(t('ctr.verify.title'));
  const number = useParams().number ?? '';
  const v = useQuery(verifyQuery(number));
  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Title level={1} className="kft-page-title">
        {t('ctr.verify.title')}
      </Typography.Title>
      {v.isPending && (
        <div className="kft-center">
          <Spin />
        </div>
      )}
      {v.error && <Result status="warning" title={t('ctr.verify.notFound')} subTitle={t('ctr.verify.notFoundHelp')} data-testid="verify-not-found" />}
      {v.data && (
        <Card data-testid="verify-real">
          {v.data.cancelled ? (
            // the number is real, the registration no longer holds: say both
            <Result
              status="warning"
              title={t('ctl.changes.verifyCancelled')}
              subTitle={v.data.registrationNumber}
              style={{ padding: 16 }}
              data-testid="verify-cancelled"
            />
          ) : (
            <Result status="success" title={t('ctr.verify.real')} subTitle={v.data.registrationNumber} style={{ padding: 16 }} />
          )}
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('ctr.registrationNumber')}>{v.data.registrationNumber}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.verify.project')}>{v.data.projectName}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.verify.type')}>{t(`ctr.type.${v.data.contractType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.verify.seller')}>{v.data.sellerName}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.verify.buyer')}>{v.data.buyerName}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.verify.station')}>{v.data.stationName}</Descriptions.Item>
            <Descriptions.Item label={t('ctr.verify.registeredAt')}>{fmtDateTime(v.data.registeredAt)}</Descriptions.Item>
            {v.data.cancelledAt && <Descriptions.Item label={t('ctl.changes.cancelledAt')}>{fmtDateTime(v.data.cancelledAt)}</Descriptions.Item>}
          </Descriptions>
        </Card>
      )}
    </div>
  );
}
