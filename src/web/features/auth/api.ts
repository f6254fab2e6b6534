/** The sign-in page's queries (signing in and out is the shell's: shell/context.tsx). */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** The demo accounts and their password, when the server runs in demo mode (else none). */
export const demoAccountsQuery = queryOptions({
  queryKey: ['auth', 'demo-accounts'],
  queryFn: () => unwrap(api.GET('/api/v1/auth/demo-accounts')),
  staleTime: Infinity,
});
