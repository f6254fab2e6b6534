/** The instruments' queries and writes: catalogue, instrument, availability, owner tools, classes, sharing statistics. */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

/** As the API returns it from a write (POST, PATCH) */
export type Instrument = Schemas['Instrument'];
/** As GET /instruments/{id} returns it: the instrument and whether the viewer is trained on it */
export type InstrumentDetail = Schemas['InstrumentDetail'];
export type InstrumentList = Schemas['InstrumentList'];
/** A catalogue row */
export type InstrumentSummary = InstrumentList['items'][number];
export type InstrumentKind = Instrument['kind'];
export type SharingMode = Instrument['sharingMode'];
export type PriceUnit = Instrument['priceUnit'];
export type InstrumentStatus = Instrument['status'];
/** Weekly opening template: seven lists of ["09:00","18:00"], Monday first. */
export type WeeklyHours = InstrumentBody['openingHours'];
export type InstrumentClass = Schemas['InstrumentClass'];
export type Availability = Schemas['InstrumentAvailability'];
/** An interval between two ISO 8601 instants (a free stretch of the availability). */
export type Span = Availability['free'][number];
export type InstrumentException = Schemas['InstrumentException'];
export type Qualification = Schemas['InstrumentQualification'];
export type Stats = Schemas['SharingIndicators'];
export type StatsRow = Stats['rows'][number];
export type GroupBy = Stats['groupBy'];

export type InstrumentBody = paths['/api/v1/instruments']['post']['requestBody']['content']['application/json'];
export type InstrumentQuery = NonNullable<paths['/api/v1/instruments']['get']['parameters']['query']>;
export type StatsQuery = paths['/api/v1/instrument-stats']['get']['parameters']['query'];
export type ExceptionInput = paths['/api/v1/instruments/{id}/exceptions']['post']['requestBody']['content']['application/json'];

// The enumerations' values at runtime, for the selects' options (in the order they list them): TypeScript's types
// are gone at runtime, so the values are written out once here, checked against the generated types.
export const INSTRUMENT_KINDS = ['instrument', 'facility', 'compute'] as const satisfies readonly InstrumentKind[];
export const SHARING_MODES = ['open', 'members', 'arrangement'] as const satisfies readonly SharingMode[];
export const PRICE_UNITS = ['hour', 'sample', 'core_hour', 'gpu_hour'] as const satisfies readonly PriceUnit[];
export const INSTRUMENT_STATUSES = ['in_service', 'maintenance', 'retired'] as const satisfies readonly InstrumentStatus[];
export const GROUP_BYS = ['instrument', 'owner', 'district'] as const satisfies readonly GroupBy[];
export const EXCEPTION_KINDS = ['closed', 'open'] as const satisfies readonly InstrumentException['kind'][];

export const instrumentKeys = {
  all: ['instruments'] as const,
  detail: (id: number) => ['instruments', 'detail', id] as const,
  availability: (id: number) => ['instruments', 'availability', id] as const,
  exceptions: (id: number) => ['instruments', 'exceptions', id] as const,
  qualifications: (id: number) => ['instruments', 'qualifications', id] as const,
};

/** One page of the catalogue; the previous page stays on screen while the next loads. */
export const instrumentListQuery = (query: InstrumentQuery) =>
  queryOptions({
    queryKey: ['instruments', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/instruments', { params: { query } })),
    placeholderData: keepPreviousData,
  });

/**
 * Whether an organization has instruments of its own (any status): its members then see the approval inbox.
 * Kept under `instruments`, so registering an instrument updates the menu.
 */
export const ownsInstrumentsQuery = (orgId: number) =>
  queryOptions({
    queryKey: ['instruments', 'owned-by', orgId],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/instruments', { params: { query: { owner: orgId, status: 'in_service,maintenance,retired', pageSize: 1 } } }))).total > 0,
  });

export const instrumentQuery = (id: number) =>
  queryOptions({
    queryKey: instrumentKeys.detail(id),
    queryFn: () => unwrap(api.GET('/api/v1/instruments/{id}', { params: { path: { id } } })),
  });

/**
 * A week's availability, with the week it was read for: after ‹ / › the calendar keeps showing the week it has data
 * for (dimmed) until the new week's arrives, never new dates over the old week's free time.
 */
export const availabilityQuery = (id: number, week: string, range: { from: string; to: string }) =>
  queryOptions({
    queryKey: [...instrumentKeys.availability(id), week],
    queryFn: async () => ({ week, data: await unwrap(api.GET('/api/v1/instruments/{id}/availability', { params: { path: { id }, query: range } })) }),
    placeholderData: keepPreviousData,
  });

export const classesQuery = queryOptions({
  queryKey: ['instrument-classes'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/instrument-classes'))).items,
  staleTime: Infinity,
});

export const createInstrument = (body: InstrumentBody) => unwrap(api.POST('/api/v1/instruments', { body }));
export const updateInstrument = (id: number, body: InstrumentBody & { version: number }) =>
  unwrap(api.PATCH('/api/v1/instruments/{id}', { params: { path: { id } }, body }));

// ------------------------------------------------------------------ owner tools

export const exceptionsQuery = (id: number) =>
  queryOptions({
    queryKey: instrumentKeys.exceptions(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/instruments/{id}/exceptions', { params: { path: { id } } }))).items,
  });
export const addException = (id: number, body: ExceptionInput) => unwrap(api.POST('/api/v1/instruments/{id}/exceptions', { params: { path: { id } }, body }));
export const deleteException = (id: number, exceptionId: number) =>
  unwrap(api.DELETE('/api/v1/instruments/{id}/exceptions/{exceptionId}', { params: { path: { id, exceptionId } } }));

export const qualificationsQuery = (id: number) =>
  queryOptions({
    queryKey: instrumentKeys.qualifications(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/instruments/{id}/qualifications', { params: { path: { id } } }))).items,
  });
export const grantQualification = (id: number, username: string) =>
  unwrap(api.POST('/api/v1/instruments/{id}/qualifications', { params: { path: { id } }, body: { username } }));
export const revokeQualification = (id: number, userId: number) =>
  unwrap(api.DELETE('/api/v1/instruments/{id}/qualifications/{userId}', { params: { path: { id, userId } } }));

export function uploadPhoto(id: number, file: File) {
  const body = new FormData();
  body.append('file', file);
  // multipart: the route declares no JSON body, openapi-fetch sends FormData as it is
  return unwrap(api.POST('/api/v1/instruments/{id}/photos', { params: { path: { id } }, body: body as never }));
}

// ------------------------------------------------------------------ sharing statistics

/** The indicators for a period; the previous ones stay on screen while new ones load. */
export const statsQuery = (query: StatsQuery) =>
  queryOptions({
    queryKey: ['instrument-stats', query],
    queryFn: () => unwrap(api.GET('/api/v1/instrument-stats', { params: { query } })),
    placeholderData: keepPreviousData,
  });
