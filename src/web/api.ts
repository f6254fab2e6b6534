import i18n from './i18n';

export interface FieldError { path: string; message: string }
export class ApiError extends Error {
  constructor(public status: number, public code: string, message: string, public fields: FieldError[] = [], public body?: any) {
    super(message);
  }
}

export interface User { id: number; username: string; displayName: string; role: 'admin' | 'district_admin' | 'org_member' | string; orgId: number | null; districtCode: string | null }
export interface Recognition { kind: string; validFrom?: string | null; validTo?: string | null; certificateNo?: string | null }
export interface Org {
  id: number; uscc: string; name: string; formerNames: string[]; kinds: string[]; categories: string[];
  districtCode: string | null; clusterId: string | null; address: string | null; contactPerson: string | null;
  contactPhone: string | null; contactEmail: string | null; foundedOn: string | null; employees: number | null;
  revenueBand: string | null; recognitions: Recognition[]; description: string | null; website: string | null;
  version: number; createdAt: string; updatedAt: string; contactMasked?: boolean;
}
export interface Facet { code: string; count: number }
export interface OrgList { items: Org[]; total: number; page: number; pageSize: number; fuzzy?: boolean; facets: { category: Facet[]; district: Facet[] } }
export interface Category { code: string; nameZh: string; nameEn: string; nationalClass: string; industryCodes: string[]; sortOrder: number }
export interface Division { code: string; name: string; kind: string; validFrom: string | null; validTo: string | null; successorCode: string | null; provisional: boolean; note: string | null }
export interface Cluster { id: string; name: string; corePark: string; focus: string[] }
export interface Reference { categories: Category[]; divisions: Division[]; clusters: Cluster[]; managementAreas: any[]; orgKinds: string[]; recognitionKinds: string[]; revenueBands: string[] }
export interface ImportError { row: number; field: string; column: string; value: string; message: string }
export interface ImportJob {
  id: string; filename: string; dryRun: boolean; status: 'running' | 'done' | 'failed'; totalRows: number; processedRows: number;
  okRows: number; errorRows: number; createdRows: number; errors: ImportError[]; failure: string | null; createdAt: string; finishedAt: string | null;
}
export interface Publication { id: number; number: number; title: string; filters: Record<string, unknown>; orgCount: number; publishedAt: string; publishedBy: string }
export interface HistoryItem { id: number; action: string; actorName: string; at: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; changedFields: string[] }

export function langHeader(): string {
  return i18n.language?.startsWith('en') ? 'en' : 'zh-CN';
}

export async function api<T = any>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', langHeader());
  headers.set('Accept', 'application/json');
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(init.json);
  }
  const res = await fetch(path, { ...init, body, headers, credentials: 'same-origin' });
  const text = await res.text();
  let data: any = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? 'http_' + res.status, e?.message ?? `HTTP ${res.status}`, e?.fields ?? [], data);
  }
  return data as T;
}

/** Query string helper: drops empty values, joins arrays with commas. */
export function qs(params: Record<string, string | number | string[] | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) { if (v.length) sp.set(k, v.join(',')); } else sp.set(k, String(v));
  }
  return sp.toString();
}
