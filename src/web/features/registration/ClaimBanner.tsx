/**
 * For a member account that acts for no organization yet (a registrant awaiting confirmation, or rejected):
 * where its claim stands, above every page, so they know why they can do nothing for the organization yet.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../shell/context';
import { myClaimQuery } from './api';

export default function ClaimBanner() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const waiting = user?.role === 'org_member' && !user.orgId;
  const claim = useQuery({ ...myClaimQuery, enabled: waiting }).data;
  if (!waiting || claim === undefined) return null;
  const key = claim && claim.status !== 'confirmed' ? claim.status : 'none';
  return (
    <Alert
      type={key === 'rejected' ? 'error' : 'info'}
      showIcon
      data-testid="claim-status"
      title={t(`reg.claim.banner.${key}`, { orgName: claim?.orgName ?? '', reason: claim?.reason ?? '' })}
      style={{ marginBottom: 16 }}
    />
  );
}
