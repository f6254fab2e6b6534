/** Surveys (统计调查): forms, rounds, filings and review, through the generated contract types only. */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type SurveyForm = Schemas['SurveyForm'];
export type SurveyField = Schemas['SurveyField'];
export type SurveyRound = Schemas['SurveyRound'];
export type SurveyFiling = Schemas['SurveyFiling'];
export type FilingSummary = Schemas['SurveyFilingSummary'];
export type FilingStatus = FilingSummary['status'];
export type RoundBody = paths['/api/v1/survey-rounds']['post']['requestBody']['content']['application/json'];
export type FilingBody = paths['/api/v1/survey-filings/{id}']['put']['requestBody']['content']['application/json'];
export type Frequency = SurveyRound['frequency'];

export const FILING_STATUSES = ['pending', 'draft', 'submitted', 'returned', 'accepted'] as const satisfies readonly FilingStatus[];
export const FREQUENCIES = ['annual', 'quarterly', 'monthly'] as const satisfies readonly Frequency[];

export const surveyKeys = { all: ['surveys'] as const };

export const formsQuery = queryOptions({
  queryKey: ['surveys', 'forms'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/survey-forms'))).items,
});

export const roundsQuery = queryOptions({
  queryKey: ['surveys', 'rounds'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/survey-rounds'))).items,
});

export const progressQuery = (id: number) =>
  queryOptions({
    queryKey: ['surveys', 'rounds', id, 'progress'],
    queryFn: () => unwrap(api.GET('/api/v1/survey-rounds/{id}/progress', { params: { path: { id } } })),
  });

export const lateQuery = (id: number) =>
  queryOptions({
    queryKey: ['surveys', 'rounds', id, 'late'],
    queryFn: () => unwrap(api.GET('/api/v1/survey-rounds/{id}/late', { params: { path: { id } } })),
  });

/** 催报: the office reminds its late list (once a day per round). */
export const chaseLate = (id: number) => unwrap(api.POST('/api/v1/survey-rounds/{id}/chase', { params: { path: { id } } }));

/** The filled bulk-filing template: all rows filed, or none (the refusals by cell in the error's fields). */
export function bulkFile(id: number, file: File) {
  const body = new FormData();
  body.append('file', file, file.name);
  return unwrap(api.POST('/api/v1/survey-rounds/{id}/bulk-filings', { params: { path: { id } }, body: body as never }));
}

export const filingsQuery = (q: { status?: FilingStatus; round?: number } = {}) =>
  queryOptions({
    queryKey: ['surveys', 'filings', q],
    queryFn: () => unwrap(api.GET('/api/v1/survey-filings', { params: { query: { ...q, pageSize: 200 } } })),
  });

export const filingQuery = (id: number) =>
  queryOptions({
    queryKey: ['surveys', 'filing', id],
    queryFn: () => unwrap(api.GET('/api/v1/survey-filings/{id}', { params: { path: { id } } })),
  });

export const filingHistoryQuery = (id: number) =>
  queryOptions({
    queryKey: ['surveys', 'filing', id, 'history'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/survey-filings/{id}/history', { params: { path: { id } } }))).items,
  });

export function uploadForm(file: File) {
  const body = new FormData();
  body.append('file', file, file.name);
  // multipart: the route declares no JSON body, openapi-fetch sends FormData as it is
  return unwrap(api.POST('/api/v1/survey-forms', { body: body as never }));
}

export const launchRound = (body: RoundBody) => unwrap(api.POST('/api/v1/survey-rounds', { body }));

export const saveFiling = (id: number, body: FilingBody) => unwrap(api.PUT('/api/v1/survey-filings/{id}', { params: { path: { id } }, body }));

export const submitFiling = (id: number, body: FilingBody) => unwrap(api.POST('/api/v1/survey-filings/{id}/submit', { params: { path: { id } }, body }));

export const reviewFiling = (id: number, body: { decision: 'accept' | 'return'; reason?: string; version: number }) =>
  unwrap(api.POST('/api/v1/survey-filings/{id}/review', { params: { path: { id } }, body }));
