/**
 * While the server is still loading its demo data (or counting the statistics) after a fresh start, a banner
 * says so, and the page's data is fetched again once the server says it is ready (GET /api/v1/status).
 */
import { useEffect, useRef } from 'react';
import { Alert, App } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';

export default function StartBanner() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: ['server-status'],
    queryFn: () => unwrap(api.GET('/api/v1/status')),
    staleTime: Infinity,
    // asked again every 2 s only while it is not ready
    refetchInterval: (q) => (q.state.data && q.state.data.stage !== 'ready' ? 2000 : false),
  });
  const wasLoading = useRef(false);
  const stage = data?.stage;
  useEffect(() => {
    if (stage && stage !== 'ready') wasLoading.current = true;
    else if (stage === 'ready' && wasLoading.current) {
      wasLoading.current = false;
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'server-status' });
      message.success(t('app.started'));
    }
  }, [stage, queryClient, message, t]);
  if (!stage || stage === 'ready') return null;
  return (
    <Alert
      type="info"
      showIcon
      banner
      role="status"
      className="kft-start-banner"
      message={stage === 'loading_demo' ? t('app.loadingDemo') : t('app.counting')}
    />
  );
}
