/** HTTP routes of surveys (统计调查): thin, schema in → service → view out. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, fileResponse, SESSION } from '../../platform/http/contract.ts';
import { badRequest } from '../../platform/http/errors.ts';
import { attachment } from '../../platform/export/spreadsheet.ts';
import { requireUser } from '../auth/index.ts';
import type { BulkFilingService } from './bulk/service.ts';
import type { FilingService } from './filings.ts';
import type { ReminderService } from './reminders/service.ts';
import {
  BulkResult,
  ChaseView,
  FilingInput,
  FilingList,
  FilingListQuery,
  FilingView,
  FormList,
  FormView,
  HistoryView,
  IdParams,
  LateList,
  ProgressView,
  ReviewInput,
  RoundInput,
  RoundList,
  RoundView,
} from './schemas.ts';
import type { SurveyService } from './service.ts';
import { writeXlsForm } from './xlsform.ts';

const tags = ['surveys'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function surveyRoutes(
  app: FastifyInstance,
  opts: { surveys: SurveyService; filings: FilingService; reminders: ReminderService; bulk: BulkFilingService },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { surveys, filings, reminders, bulk } = opts;

  r.get(
    '/api/v1/survey-forms',
    {
      schema: {
        operationId: 'listSurveyForms',
        tags,
        summary: '统计报表 Report forms, every version (offices)',
        security: SESSION,
        response: { 200: FormList, ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await surveys.forms(requireUser(req)) }),
  );

  r.post(
    '/api/v1/survey-forms',
    {
      schema: {
        operationId: 'uploadSurveyForm',
        tags,
        summary: '上传报表 Upload a form as XLSForm (multipart `file`, .xlsx): a new version of its form_id',
        description:
          'The `survey` sheet (type, name, label, hint, required, constraint, constraint_message, relevant; extension columns unit, min, max, indicator, prefill), `choices` and `settings` (form_id, form_title). A bad form is refused with every problem named by sheet, row and column.',
        security: SESSION,
        consumes: ['multipart/form-data'],
        response: { 201: FormView, ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      if (!req.isMultipart()) throw badRequest('xlsform_no_file', 'survey.xlsform.empty');
      const part = await req.file();
      if (!part) throw badRequest('xlsform_no_file', 'survey.xlsform.empty');
      const form = await surveys.upload({ data: await part.toBuffer(), filename: part.filename || 'form.xlsx' }, user);
      return reply.code(201).send(form);
    },
  );

  r.get(
    '/api/v1/survey-forms/:id',
    {
      schema: {
        operationId: 'getSurveyForm',
        tags,
        summary: '报表 A form version (offices)',
        security: SESSION,
        params: IdParams,
        response: { 200: FormView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => surveys.formFor(req.params.id, requireUser(req)),
  );

  r.get(
    '/api/v1/survey-forms/:id/xlsform',
    {
      schema: {
        operationId: 'downloadSurveyForm',
        tags,
        summary: '下载 XLSForm The form as an XLSForm workbook, to change in Excel and upload again',
        security: SESSION,
        params: IdParams,
        response: { 200: fileResponse('XLSForm .xlsx', [XLSX]), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const form = await surveys.formFor(req.params.id, requireUser(req));
      const data = await writeXlsForm({
        code: form.code,
        titleZh: form.titleZh,
        titleEn: form.titleEn,
        fields: form.fields,
        choices: form.choices,
        version: form.version,
      });
      reply.header('content-type', XLSX).header('content-disposition', attachment(`${form.code}-v${form.version}.xlsx`, `${form.code}-v${form.version}.xlsx`));
      return reply.send(data);
    },
  );

  r.get(
    '/api/v1/survey-rounds',
    {
      schema: {
        operationId: 'listSurveyRounds',
        tags,
        summary: '调查 Survey rounds with their counts by state (the city all, a district office the city’s and its own, its district’s part)',
        security: SESSION,
        response: { 200: RoundList, ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await surveys.rounds(requireUser(req)) }),
  );

  r.post(
    '/api/v1/survey-rounds',
    {
      schema: {
        operationId: 'launchSurveyRound',
        tags,
        summary: '发起调查 Launch a round: a form version, a period, a deadline, a population from the directory',
        security: SESSION,
        body: RoundInput,
        response: { 201: RoundView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => reply.code(201).send(await surveys.launch(req.body, requireUser(req))),
  );

  r.get(
    '/api/v1/survey-rounds/:id',
    {
      schema: {
        operationId: 'getSurveyRound',
        tags,
        summary: '调查 A round',
        security: SESSION,
        params: IdParams,
        response: { 200: RoundView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => surveys.round(req.params.id, requireUser(req)),
  );

  r.get(
    '/api/v1/survey-rounds/:id/progress',
    {
      schema: {
        operationId: 'getSurveyRoundProgress',
        tags,
        summary: '填报进度 Counts by state per district',
        security: SESSION,
        params: IdParams,
        response: { 200: ProgressView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => surveys.progress(req.params.id, requireUser(req)),
  );

  r.get(
    '/api/v1/survey-rounds/:id/late',
    {
      schema: {
        operationId: 'listLateSurveyFilings',
        tags,
        summary: '逾期未报 After the deadline: the organizations that have not submitted',
        security: SESSION,
        params: IdParams,
        response: { 200: LateList, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const late = await surveys.late(req.params.id, user);
      return { ...late, chase: await reminders.chasedToday(req.params.id, user) };
    },
  );

  r.post(
    '/api/v1/survey-rounds/:id/chase',
    {
      schema: {
        operationId: 'chaseLateSurveyFilings',
        tags,
        summary: '催报 After the deadline: remind the late list (in-app and by email), once a day per round and office',
        description:
          'A district office reminds the organizations of its district that have not submitted, the city every district’s. 409 before the deadline or when nobody is late; 429 when this office chased this round today already (Retry-After: until midnight, Beijing time).',
        security: SESSION,
        params: IdParams,
        response: { 200: ChaseView, ...errorResponses(401, 403, 404, 409, 429) },
      },
    },
    async (req) => reminders.chase(req.params.id, requireUser(req)),
  );

  r.get(
    '/api/v1/survey-rounds/:id/bulk-template',
    {
      schema: {
        operationId: 'downloadSurveyBulkTemplate',
        tags,
        summary: '下载模板 The round’s form as an xlsx, one row per organization the office may file for (offices)',
        description:
          'Sheet 填报: USCC, name, one column per field (label and unit in both languages; choices as drop-downs), and a reason column for values ×3 / ÷3 of last period’s; the hidden row 2 names the fields. Rows: the filings not yet submitted — a district office its district’s, the city all. Sheet 说明: each field’s rules.',
        security: SESSION,
        params: IdParams,
        response: { 200: fileResponse('Bulk-filing template .xlsx', [XLSX]), ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { data, filename } = await bulk.template(req.params.id, requireUser(req));
      reply.header('content-type', XLSX).header('content-disposition', attachment(filename, filename));
      return reply.send(data);
    },
  );

  r.post(
    '/api/v1/survey-rounds/:id/bulk-filings',
    {
      schema: {
        operationId: 'bulkFileSurveyRound',
        tags,
        summary: '批量导入 File for organizations from the filled template (multipart `file`, .xlsx): all or nothing',
        description:
          'Each row is checked with the rules of online filing. Any refused row and nothing changes: 400 `survey_bulk_invalid` with one field error per refusal, its path the cell (填报!D5), its message naming sheet, row, column and the field. A row of an organization outside the office’s district: 403 `survey_bulk_not_your_district`. Filed rows become submitted filings, filed by the office on the organization’s behalf (history `filed_by_office`). A row with nothing but the organization is skipped.',
        security: SESSION,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: BulkResult, ...errorResponses(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      if (!req.isMultipart()) throw badRequest('survey_bulk_no_file', 'survey.bulk.empty');
      const part = await req.file();
      if (!part) throw badRequest('survey_bulk_no_file', 'survey.bulk.empty');
      return bulk.upload(req.params.id, { data: await part.toBuffer(), filename: part.filename || 'filings.xlsx' }, user);
    },
  );

  r.get(
    '/api/v1/survey-filings',
    {
      schema: {
        operationId: 'listSurveyFilings',
        tags,
        summary: '填报 My organization’s filings (members); the review queue (district office: its district; the city: all)',
        security: SESSION,
        querystring: FilingListQuery,
        response: { 200: FilingList, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => filings.list(req.query, requireUser(req)),
  );

  r.get(
    '/api/v1/survey-filings/:id',
    {
      schema: {
        operationId: 'getSurveyFiling',
        tags,
        summary: '填报 A filing with its form, last period’s values and, before the first save, a prefill',
        security: SESSION,
        params: IdParams,
        response: { 200: FilingView, ...errorResponses(401, 404) },
      },
    },
    async (req) => filings.get(req.params.id, requireUser(req)),
  );

  r.get(
    '/api/v1/survey-filings/:id/history',
    {
      schema: {
        operationId: 'getSurveyFilingHistory',
        tags,
        summary: '填报历史 Every change of a filing',
        security: SESSION,
        params: IdParams,
        response: { 200: HistoryView, ...errorResponses(401, 404) },
      },
    },
    async (req) => ({ items: await filings.history(req.params.id, requireUser(req)) }),
  );

  r.put(
    '/api/v1/survey-filings/:id',
    {
      schema: {
        operationId: 'saveSurveyFiling',
        tags,
        summary: '保存草稿 Save a draft (values of the right types; the rules are checked at submit)',
        security: SESSION,
        params: IdParams,
        body: FilingInput,
        response: { 200: FilingView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => filings.save(req.params.id, req.body, requireUser(req)),
  );

  r.post(
    '/api/v1/survey-filings/:id/submit',
    {
      schema: {
        operationId: 'submitSurveyFiling',
        tags,
        summary: '提交 Submit: every rule of the form; a value ×3 or ÷3 of last period’s needs a reason in `confirmations` (409 lists them)',
        security: SESSION,
        params: IdParams,
        body: FilingInput,
        response: { 200: FilingView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => filings.submit(req.params.id, req.body, requireUser(req)),
  );

  r.post(
    '/api/v1/survey-filings/:id/review',
    {
      schema: {
        operationId: 'reviewSurveyFiling',
        tags,
        summary: '审核 Accept, or return with a reason (the district office of the organization’s district)',
        security: SESSION,
        params: IdParams,
        body: ReviewInput,
        response: { 200: FilingView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => filings.review(req.params.id, req.body, requireUser(req)),
  );
}
