/** 安全审计: the audit trail (a district admin gets their district's entries: the server decides), its types, export, verification. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, qs, unwrap, type Schemas } from '../../api/client';

export type AuditEntry = Schemas['AuditEntry'];
export type Outcome = AuditEntry['outcome'];
export const OUTCOMES = ['success', 'failure', 'denied'] as const satisfies readonly Outcome[];

/** The filters as the API takes them; dates are Beijing calendar days (YYYY-MM-DD). */
export interface AuditFilters {
  type?: string[];
  outcome?: Outcome;
  actor?: string;
  from?: string;
  to?: string;
}

const query = (f: AuditFilters) => ({ ...f, type: f.type?.length ? f.type.join(',') : undefined });

export const auditQuery = (f: AuditFilters, page: number, pageSize: number) =>
  queryOptions({
    queryKey: ['audit', 'list', f, page, pageSize],
    queryFn: () => unwrap(api.GET('/api/v1/audit', { params: { query: { ...query(f), page, pageSize } } })),
    placeholderData: keepPreviousData,
  });

export const auditTypesQuery = queryOptions({
  queryKey: ['audit', 'types'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/audit/types'))).items,
  staleTime: Infinity,
});

/** A plain link (the browser downloads the file and keeps the session cookie): the same filters as the table. */
export const exportHref = (f: AuditFilters) => {
  const q = qs({ ...f });
  return `/api/v1/audit/export${q ? `?${q}` : ''}`;
};

export const verifyAudit = () => unwrap(api.GET('/api/v1/audit/verify'));
