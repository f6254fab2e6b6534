/** HTTP routes of technology contracts (技术合同认定登记): thin, schema in → service → presenter out. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { errorResponses, fileResponse, PUBLIC, SESSION } from '../../platform/http/contract.ts';
import { conflict } from '../../platform/http/errors.ts';
import { requestLocale } from '../../platform/http/i18n.ts';
import { cjkFontPath } from '../../platform/export/pdf.ts';
import { attachment, xlsxStream } from '../../platform/export/spreadsheet.ts';
import { requireUser } from '../auth/index.ts';
import { certificatePdf } from './certificate.ts';
import { registerColumns, registerRow } from './register-export.ts';
import { presentContract, presentVerification } from './presenter.ts';
import type { ContractService } from './service.ts';
import {
  ContractHistoryView,
  ContractInput,
  ContractListQuery,
  ContractListView,
  ContractPatch,
  ContractView,
  ExpertsInput,
  FiguresQuery,
  FiguresView,
  IdParams,
  NumberParams,
  OpinionInput,
  ReasonInput,
  StationListView,
  VerificationView,
} from './schemas.ts';

const tags = ['contracts'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function contractRoutes(app: FastifyInstance, opts: { contracts: ContractService; pdfFontPath?: string }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { contracts } = opts;
  const env = () => ({ publicUrl: contracts.opts.publicUrl, calendar: contracts.calendar });
  const view = async (id: number, req: FastifyRequest) => {
    const { contract, side, experts } = await contracts.detail(id, req.user);
    return presentContract(contract, side, experts, env());
  };

  r.post(
    '/api/v1/contracts',
    {
      schema: {
        operationId: 'createContract',
        tags,
        summary: '新建技术合同登记草稿 A draft by the seller; with `dealId`, prefilled from the agreed deal',
        security: SESSION,
        body: ContractInput,
        response: { 201: ContractView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const id = await contracts.create(req.body, requireUser(req));
      reply.code(201);
      return view(id, req);
    },
  );

  r.get(
    '/api/v1/contracts',
    {
      schema: {
        operationId: 'listContracts',
        tags,
        summary: '技术合同登记簿 The register: the caller’s own (parties), the station’s, the district’s or all (city)',
        security: SESSION,
        querystring: ContractListQuery,
        response: { 200: ContractListView, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { items, sides, total, totalApproximate, page, pageSize } = await contracts.list(user, req.query);
      return { items: items.map((c, i) => presentContract(c, sides[i], [], env())), total, totalApproximate, page, pageSize };
    },
  );

  r.get(
    '/api/v1/contract-stations',
    {
      schema: {
        operationId: 'listContractStations',
        tags,
        summary: '技术合同登记站 The registration stations and the districts each serves',
        security: PUBLIC,
        response: { 200: StationListView },
      },
    },
    async () => ({ items: await contracts.stations(), sellerMayChoose: contracts.opts.sellerChoosesStation }),
  );

  r.get(
    '/api/v1/contracts/verify/:registrationNumber',
    {
      schema: {
        operationId: 'verifyContract',
        tags,
        summary: '登记证明核验 Anyone: 200 for a registered number, 404 for any other',
        security: PUBLIC,
        params: NumberParams,
        response: { 200: VerificationView, ...errorResponses(404) },
      },
    },
    async (req) => presentVerification(await contracts.verify(req.params.registrationNumber)),
  );

  r.get(
    '/api/v1/contract-figures',
    {
      schema: {
        operationId: 'contractFigures',
        tags,
        summary: '技术合同成交额 / 技术交易额 of registered contracts by month, type, field, district, station or nature',
        security: SESSION,
        querystring: FiguresQuery,
        response: { 200: FiguresView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => contracts.figures(requireUser(req), req.query.by, req.query.year ?? null),
  );

  r.get(
    '/api/v1/contract-register.xlsx',
    {
      schema: {
        operationId: 'exportContracts',
        tags,
        summary: '导出登记簿 The register as xlsx (offices and stations), with the list’s filters',
        security: SESSION,
        querystring: ContractListQuery,
        response: { 200: fileResponse('技术合同登记簿 xlsx', [XLSX]), ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const stations = await contracts.stationsOf(user);
      const batches = contracts.each(user, stations, req.query);
      const locale = requestLocale(req);
      async function* rows() {
        for await (const batch of batches) yield batch.map((c) => registerRow(c, locale));
      }
      const columns = registerColumns(locale);
      reply.header('content-disposition', attachment('技术合同登记簿.xlsx', 'contracts.xlsx'));
      return reply.type(XLSX).send(xlsxStream('登记簿', columns, rows()));
    },
  );

  r.get(
    '/api/v1/contracts/:id',
    {
      schema: {
        operationId: 'getContract',
        tags,
        summary: '技术合同 A contract with its state, deadline, experts, registration number once registered and the caller’s steps',
        security: SESSION,
        params: IdParams,
        response: { 200: ContractView, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      requireUser(req);
      return view(req.params.id, req);
    },
  );

  r.patch(
    '/api/v1/contracts/:id',
    {
      schema: {
        operationId: 'updateContract',
        tags,
        summary: '修改草稿 The seller fills in or corrects the draft (with its version)',
        security: SESSION,
        params: IdParams,
        body: ContractPatch,
        response: { 200: ContractView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await contracts.update(req.params.id, req.body, requireUser(req));
      return view(req.params.id, req);
    },
  );

  r.get(
    '/api/v1/contracts/:id/history',
    {
      schema: {
        operationId: 'listContractHistory',
        tags,
        summary: '登记记录 Every change of the contract',
        security: SESSION,
        params: IdParams,
        response: { 200: ContractHistoryView, ...errorResponses(401, 404) },
      },
    },
    async (req) => ({ items: await contracts.history(req.params.id, requireUser(req)) }),
  );

  r.get(
    '/api/v1/contracts/:id/certificate.pdf',
    {
      schema: {
        operationId: 'contractCertificate',
        tags,
        summary: '认定登记证明 The registration certificate, with its verification link',
        security: SESSION,
        params: IdParams,
        response: { 200: fileResponse('认定登记证明 PDF', ['application/pdf']), ...errorResponses(401, 404, 409) },
      },
    },
    async (req, reply) => {
      const { contract } = await contracts.read(req.params.id, requireUser(req));
      if (contract.status !== 'registered') throw conflict('contract.notRegistered');
      reply.header(
        'content-disposition',
        attachment(`技术合同认定登记证明-${contract.registrationNumber}.pdf`, `certificate-${contract.registrationNumber}.pdf`),
      );
      return reply.type('application/pdf').send(certificatePdf(contract, contracts.opts.publicUrl, cjkFontPath(opts.pdfFontPath)));
    },
  );

  const step = <B extends z.ZodType | undefined>(
    path: string,
    operationId: string,
    summary: string,
    body: B,
    run: (id: number, body: B extends z.ZodType ? z.output<B> : undefined, req: FastifyRequest) => Promise<unknown>,
  ) =>
    r.post(
      `/api/v1/contracts/:id/${path}`,
      {
        schema: {
          operationId,
          tags,
          summary,
          security: SESSION,
          params: IdParams,
          ...(body ? { body } : {}),
          response: { 200: ContractView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const id = (req.params as { id: number }).id;
        await run(id, req.body as never, req);
        return view(id, req);
      },
    );

  step('submit', 'submitContract', '提交登记 The seller submits (or resubmits after a correction): the clock starts', undefined, (id, _b, req) =>
    contracts.submit(id, requireUser(req)),
  );
  step('accept', 'acceptContract', '受理 The station accepts the submission', undefined, (id, _b, req) => contracts.accept(id, requireUser(req)));
  step('request-correction', 'requestContractCorrection', '要求补正 The station asks for a correction: the clock stops', ReasonInput, (id, b, req) =>
    contracts.requestCorrection(id, b.reason, requireUser(req)),
  );
  step('start-review', 'startContractReview', '开始审查 The station starts the review', undefined, (id, _b, req) =>
    contracts.startReview(id, requireUser(req)),
  );
  step('experts', 'assignContractExperts', '专家评审 Experts from the pool, none of either party', ExpertsInput, (id, b, req) =>
    contracts.assignExperts(id, b.expertIds, requireUser(req)),
  );
  step('opinions', 'recordContractOpinion', '专家意见 An assigned expert’s opinion, recorded by the station', OpinionInput, (id, b, req) =>
    contracts.recordOpinion(id, b, requireUser(req)),
  );
  step('register', 'registerContract', '登记 The station registers: a number and a certificate', undefined, (id, _b, req) =>
    contracts.register(id, requireUser(req)),
  );
  step('reject', 'rejectContract', '未予登记 The station refuses, with the reason', ReasonInput, (id, b, req) =>
    contracts.reject(id, b.reason, requireUser(req)),
  );
}
