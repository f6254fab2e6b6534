/** The instruments' queries and writes: catalogue, instrument, availability, owner tools, classes, sharing statistics. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrapAs } from '../../api/client';
import type { paths } from '../../api/schema';
import type { BookingStatus } from '../bookings/api';
import type { Facet } from '../directory/api';

export type InstrumentKind = 'instrument' | 'facility' | 'compute';
export type SharingMode = 'open' | 'members' | 'arrangement';
export type PriceUnit = 'hour' | 'sample' | 'core_hour' | 'gpu_hour';
export type InstrumentStatus = 'in_service' | 'maintenance' | 'retired';
/** An interval between two ISO 8601 instants. */
export interface Span { start: string; end: string }
/** Weekly opening template: seven lists of ["09:00","18:00"], Monday first. */
export type WeeklyHours = [string, string][][];

export type InstrumentBody = paths['/api/v1/instruments']['post']['requestBody']['content']['application/json'];
export type InstrumentQuery = NonNullable<paths['/api/v1/instruments']['get']['parameters']['query']>;
export type StatsQuery = paths['/api/v1/instrument-stats']['get']['parameters']['query'];
export type ExceptionInput = paths['/api/v1/instruments/{id}/exceptions']['post']['requestBody']['content']['application/json'];

// TODO(contract): generated type
/** An instrument's own fields, as the form edits them and the API returns them. */
export interface InstrumentInput {
  ownerOrgId?: number; name: string; model?: string | null; manufacturer?: string | null; classCode: string; kind: InstrumentKind;
  originalValueFen?: number | null; purchaseDate?: string | null; districtCode?: string | null; address?: string | null; room?: string | null;
  specifications?: string | null; capabilities?: string | null; sampleRequirements?: string | null; sharingMode: SharingMode; priceUnit: PriceUnit;
  priceInternalFen: number; priceExternalFen: number; offPeakPriceFen?: number | null; peakStart?: string | null; peakEnd?: string | null;
  openingHours: WeeklyHours; minBookingMinutes: number; maxBookingMinutes: number; noticeHours: number; maxAdvanceDays: number;
  cancelNoticeHours: number; needsApproval: boolean; needsTraining: boolean; status: InstrumentStatus; contactName?: string | null; contactPhone?: string | null;
}
// TODO(contract): generated type
export interface Instrument extends InstrumentInput {
  id: number; ownerOrgId: number; ownerName: string; className: string; photoIds: number[]; version: number; createdAt: string; updatedAt: string;
  canManage: boolean; qualified: boolean; contactMasked?: boolean;
  /** in service and its sharing mode admits the viewer (anonymous: as an outsider would be) */
  canBook?: boolean;
}
// TODO(contract): generated type
/** A catalogue row (the server sends the whole instrument; the contract names only these). */
export interface InstrumentSummary {
  id: number; name: string; model?: string | null; manufacturer?: string | null; ownerOrgId: number; ownerName: string; classCode: string; className?: string;
  kind: InstrumentKind; districtCode?: string | null; sharingMode: SharingMode; priceUnit: PriceUnit; priceInternalFen?: number; priceExternalFen: number;
  needsApproval: boolean; needsTraining: boolean; status?: InstrumentStatus; photoIds?: number[]; minBookingMinutes?: number;
  freeSlots?: Span[]; longestFreeHours?: number; canBook?: boolean;
}
// TODO(contract): generated type
export interface InstrumentList {
  items: InstrumentSummary[]; total: number; page: number; pageSize: number; fuzzy?: boolean;
  facets: { class: Facet[]; district: Facet[] };
}
// TODO(contract): generated type
export interface InstrumentClass { code: string; nameZh: string; nameEn: string; sortOrder: number }
// TODO(contract): generated type
export interface Availability {
  instrumentId: number; from: string; to: string; open: Span[]; closed: (Span & { reason?: string | null })[];
  busy: (Span & { status: BookingStatus; mine: boolean })[]; free: Span[];
}
// TODO(contract): generated type
export interface InstrumentException extends Span { id: number; kind: 'closed' | 'open'; reason: string | null }
// TODO(contract): generated type
export interface Qualification { userId: number; username: string; displayName?: string; grantedAt?: string }
// TODO(contract): generated type
export interface StatsRow {
  key: string; name: string; districtCode: string | null; instruments: number; openingHours: number; bookedHours: number; workHours: number;
  externalHours: number; utilisation: number | null; sharingRate: number | null; outsideOrgs: number; incomeFen: number;
  workHoursPerInstrumentYear: number; externalHoursPerInstrumentYear: number;
}
// TODO(contract): generated type
export interface Stats {
  groupBy: 'instrument' | 'owner' | 'district'; from: string; to: string; years: number;
  national: { workHoursPerYear: number; externalHoursPerYear: number; year?: number }; totals: StatsRow; rows: StatsRow[]; total?: number;
}

export const instrumentKeys = {
  all: ['instruments'] as const,
  detail: (id: number) => ['instruments', 'detail', id] as const,
  availability: (id: number) => ['instruments', 'availability', id] as const,
  exceptions: (id: number) => ['instruments', 'exceptions', id] as const,
  qualifications: (id: number) => ['instruments', 'qualifications', id] as const,
};

/** One page of the catalogue; the previous page stays on screen while the next loads. */
export const instrumentListQuery = (query: InstrumentQuery) => queryOptions({
  queryKey: ['instruments', 'list', query],
  queryFn: () => unwrapAs<InstrumentList>(api.GET('/api/v1/instruments', { params: { query } })),
  placeholderData: keepPreviousData,
});

/**
 * Whether an organization has instruments of its own (any status): its members then see the approval inbox.
 * Kept under `instruments`, so registering an instrument updates the menu.
 */
export const ownsInstrumentsQuery = (orgId: number) => queryOptions({
  queryKey: ['instruments', 'owned-by', orgId],
  queryFn: async () => (await unwrapAs<InstrumentList>(api.GET('/api/v1/instruments', { params: { query: { owner: orgId, status: 'in_service,maintenance,retired', pageSize: 1 } } }))).total > 0,
});

export const instrumentQuery = (id: number) => queryOptions({
  queryKey: instrumentKeys.detail(id),
  queryFn: () => unwrapAs<Instrument>(api.GET('/api/v1/instruments/{id}', { params: { path: { id } } })),
});

/**
 * A week's availability, with the week it was read for: after ‹ / › the calendar keeps showing the week it has data
 * for (dimmed) until the new week's arrives, never new dates over the old week's free time.
 */
export const availabilityQuery = (id: number, week: string, range: { from: string; to: string }) => queryOptions({
  queryKey: [...instrumentKeys.availability(id), week],
  queryFn: async () => ({ week, data: await unwrapAs<Availability>(api.GET('/api/v1/instruments/{id}/availability', { params: { path: { id }, query: range } })) }),
  placeholderData: keepPreviousData,
});

export const classesQuery = queryOptions({
  queryKey: ['instrument-classes'],
  queryFn: async () => (await unwrapAs<{ items: InstrumentClass[] }>(api.GET('/api/v1/instrument-classes'))).items,
  staleTime: Infinity,
});

export const createInstrument = (body: InstrumentBody) => unwrapAs<Instrument>(api.POST('/api/v1/instruments', { body }));
export const updateInstrument = (id: number, body: InstrumentBody & { version: number }) =>
  unwrapAs<Instrument>(api.PATCH('/api/v1/instruments/{id}', { params: { path: { id } }, body }));

// ------------------------------------------------------------------ owner tools

export const exceptionsQuery = (id: number) => queryOptions({
  queryKey: instrumentKeys.exceptions(id),
  queryFn: async () => (await unwrapAs<{ items: InstrumentException[] }>(api.GET('/api/v1/instruments/{id}/exceptions', { params: { path: { id } } }))).items,
});
export const addException = (id: number, body: ExceptionInput) => unwrapAs<InstrumentException>(api.POST('/api/v1/instruments/{id}/exceptions', { params: { path: { id } }, body }));
export const deleteException = (id: number, exceptionId: number) =>
  unwrapAs<unknown>(api.DELETE('/api/v1/instruments/{id}/exceptions/{exceptionId}', { params: { path: { id, exceptionId } } }));

export const qualificationsQuery = (id: number) => queryOptions({
  queryKey: instrumentKeys.qualifications(id),
  queryFn: async () => (await unwrapAs<{ items: Qualification[] }>(api.GET('/api/v1/instruments/{id}/qualifications', { params: { path: { id } } }))).items,
});
export const grantQualification = (id: number, username: string) =>
  unwrapAs<unknown>(api.POST('/api/v1/instruments/{id}/qualifications', { params: { path: { id } }, body: { username } }));
export const revokeQualification = (id: number, userId: number) =>
  unwrapAs<unknown>(api.DELETE('/api/v1/instruments/{id}/qualifications/{userId}', { params: { path: { id, userId } } }));

export function uploadPhoto(id: number, file: File) {
  const body = new FormData();
  body.append('file', file);
  // multipart: the route declares no JSON body, openapi-fetch sends FormData as it is
  return unwrapAs<unknown>(api.POST('/api/v1/instruments/{id}/photos', { params: { path: { id } }, body: body as never }));
}

// ------------------------------------------------------------------ sharing statistics

/** The indicators for a period; the previous ones stay on screen while new ones load. */
export const statsQuery = (query: StatsQuery) => queryOptions({
  queryKey: ['instrument-stats', query],
  queryFn: () => unwrapAs<Stats>(api.GET('/api/v1/instrument-stats', { params: { query } })),
  placeholderData: keepPreviousData,
});
