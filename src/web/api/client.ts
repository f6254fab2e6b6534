import i18n from 'i18next';

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
export interface Division { code: string; name: string; nameEn: string | null; kind: string; validFrom: string | null; validTo: string | null; successorCode: string | null; provisional: boolean; note: string | null }
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

// ------------------------------------------------------------------ shared instruments (docs/INSTRUMENTS.md)
export type InstrumentKind = 'instrument' | 'facility' | 'compute';
export type SharingMode = 'open' | 'members' | 'arrangement';
export type PriceUnit = 'hour' | 'sample' | 'core_hour' | 'gpu_hour';
export type InstrumentStatus = 'in_service' | 'maintenance' | 'retired';
export type BookingStatus = 'pending' | 'confirmed' | 'in_use' | 'completed' | 'declined' | 'cancelled' | 'expired' | 'no_show';
/** An interval between two ISO 8601 instants. */
export interface Span { start: string; end: string }
/** Weekly opening template: seven lists of ["09:00","18:00"], Monday first. */
export type WeeklyHours = [string, string][][];

export interface InstrumentInput {
  ownerOrgId?: number; name: string; model?: string | null; manufacturer?: string | null; classCode: string; kind: InstrumentKind;
  originalValueFen?: number | null; purchaseDate?: string | null; districtCode?: string | null; address?: string | null; room?: string | null;
  specifications?: string | null; capabilities?: string | null; sampleRequirements?: string | null; sharingMode: SharingMode; priceUnit: PriceUnit;
  priceInternalFen: number; priceExternalFen: number; offPeakPriceFen?: number | null; peakStart?: string | null; peakEnd?: string | null;
  openingHours: WeeklyHours; minBookingMinutes: number; maxBookingMinutes: number; noticeHours: number; maxAdvanceDays: number;
  cancelNoticeHours: number; needsApproval: boolean; needsTraining: boolean; status: InstrumentStatus; contactName?: string | null; contactPhone?: string | null;
}
export interface Instrument extends InstrumentInput {
  id: number; ownerOrgId: number; ownerName: string; className: string; photoIds: number[]; version: number; createdAt: string; updatedAt: string;
  canManage: boolean; qualified: boolean; contactMasked?: boolean;
  /** in service and its sharing mode admits the viewer (anonymous: as an outsider would be) */
  canBook?: boolean;
}
/** A catalogue row (the server sends the whole instrument; the contract names only these). */
export interface InstrumentSummary {
  id: number; name: string; model?: string | null; manufacturer?: string | null; ownerOrgId: number; ownerName: string; classCode: string; className?: string;
  kind: InstrumentKind; districtCode?: string | null; sharingMode: SharingMode; priceUnit: PriceUnit; priceInternalFen?: number; priceExternalFen: number;
  needsApproval: boolean; needsTraining: boolean; status?: InstrumentStatus; photoIds?: number[]; minBookingMinutes?: number;
  freeSlots?: Span[]; longestFreeHours?: number; canBook?: boolean;
}
export interface InstrumentList {
  items: InstrumentSummary[]; total: number; page: number; pageSize: number; fuzzy?: boolean;
  facets: { class: Facet[]; district: Facet[] };
}
export interface InstrumentClass { code: string; nameZh: string; nameEn: string; sortOrder: number }
export interface Availability {
  instrumentId: number; from: string; to: string; open: Span[]; closed: (Span & { reason?: string | null })[];
  busy: (Span & { status: BookingStatus; mine: boolean })[]; free: Span[];
}
export interface InstrumentException extends Span { id: number; kind: 'closed' | 'open'; reason: string | null }
export interface Qualification { userId: number; username: string; displayName?: string; grantedAt?: string }

export interface CartItemInput { instrumentId: number; start: string; end: string; quantity?: number; purpose?: string }
export interface QuoteItem {
  instrumentId: number; instrumentName: string; ownerName: string; start: string; end: string; hours: number; quantity: number; unit: PriceUnit;
  unitPriceFen: number; estimatedFen: number; external: boolean; needsApproval: boolean; problems: FieldError[];
}
export interface Quote { items: QuoteItem[]; totalFen: number }
export interface Booking {
  id: number; cartId: string; instrumentId: number; instrumentName: string; ownerOrgId: number; ownerName: string; userId: number; userName: string;
  userOrgId: number | null; userOrgName: string | null; start: string; end: string; quantity: number; purpose: string; status: BookingStatus;
  external: boolean; estimatedFen: number; priceFen: number | null; expiresAt: string | null; decidedAt: string | null; decisionReason: string | null;
  cancelledAt: string | null; cancelReason: string | null; actualStart: string | null; actualEnd: string | null; workHours: number | null;
  createdAt: string; updatedAt?: string; version: number; unit?: PriceUnit;
  can: { approve: boolean; decline: boolean; cancel: boolean; checkIn: boolean; checkOut: boolean; recordUsage: boolean };
}
export interface BookingList { items: Booking[]; total: number; page: number; pageSize: number }
export interface AppNotification { id: number; kind: string; bookingId: number | null; title: string; body: string; readAt: string | null; createdAt: string }
export interface NotificationList { items: AppNotification[]; unread: number }
export interface StatsRow {
  key: string; name: string; districtCode: string | null; instruments: number; openingHours: number; bookedHours: number; workHours: number;
  externalHours: number; utilisation: number | null; sharingRate: number | null; outsideOrgs: number; incomeFen: number;
  workHoursPerInstrumentYear: number; externalHoursPerInstrumentYear: number;
}
export interface Stats {
  groupBy: 'instrument' | 'owner' | 'district'; from: string; to: string; years: number;
  national: { workHoursPerYear: number; externalHoursPerYear: number; year?: number }; totals: StatsRow; rows: StatsRow[]; total?: number;
}
