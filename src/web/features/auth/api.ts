/** The sign-in page's queries (signing in and out is the shell's: shell/context.tsx). */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** The demo accounts and their password, when the server runs in demo mode (else none). */
export const demoAccountsQuery = queryOptions({
  queryKey: ['auth', 'demo-accounts'],
  queryFn: () => unwrap(api.GET('/api/v1/auth/demo-accounts')),
  staleTime: Infinity,
});

/** Whether single sign-on is on (and the provider's name for its button). */
export const ssoStatusQuery = queryOptions({
  queryKey: ['auth', 'sso'],
  queryFn: () => unwrap(api.GET('/api/v1/auth/sso')),
  staleTime: Infinity,
});
