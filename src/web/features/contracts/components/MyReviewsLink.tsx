/** 我的评审任务: shown on the contracts page to an account linked to an expert of the pool, with its open reviews. */
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../shell/context';
import { myReviewsQuery } from '../lifecycle-api';

export function MyReviewsLink() {
  const { t } = useTranslation();
  const { user } = useAuth();
  // experts are accounts of organizations; station staff and offices are never in the pool
  const q = useQuery({ ...myReviewsQuery(), enabled: user?.role === 'org_member' });
  if (!q.data?.expert) return null;
  const open = q.data.items.filter((r) => r.canOpine && !r.conclusion).length;
  return (
    <Link to="/contract-reviews" data-testid="my-reviews-link">
      <Badge count={open} size="small">
        <Button>{t('ctl.review.link')}</Button>
      </Badge>
    </Link>
  );
}
