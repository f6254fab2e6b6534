/** The app's one QueryClient (TanStack Query): every page's server data is cached and refetched here. */
import { QueryClient } from '@tanstack/react-query';

/** Queries of data that does not depend on who is signed in: kept when the user signs in or out. */
export const STATIC_QUERIES = new Set(['reference', 'instrument-classes', 'tech-fields']);

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // an answer the API refused (403, 404, a field error) is shown at once, as before: no silent retries
      retry: false,
      // data changes when people act, not when a tab regains focus (the notification bell opts in)
      refetchOnWindowFocus: false,
    },
  },
});
