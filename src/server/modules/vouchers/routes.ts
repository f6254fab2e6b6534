/** HTTP routes of voucher schemes, applications and vouchers (科技创新券). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, PUBLIC, SESSION } from '../../platform/http/contract.ts';
import { requestLocale } from '../../platform/http/i18n.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { requireUser } from '../auth/index.ts';
import type { ApplicationService } from './applications.ts';
import { presentApplication, presentEligibility, presentScheme, presentVoucher } from './presenter.ts';
import {
  ApplicationInput,
  ApplicationListQuery,
  ApplicationListView,
  CancelInput,
  ApplicationView,
  DecisionInput,
  EligibilityQuery,
  EligibilityView,
  IdParams,
  IssueInput,
  SchemeInput,
  SchemeListView,
  SchemePatch,
  SchemeView,
  VoucherListQuery,
  VoucherListView,
  VoucherView,
} from './schemas.ts';
import type { VoucherService } from './service.ts';
import { isOffice } from '../auth/index.ts';

const tags = ['vouchers'];

export async function voucherRoutes(app: FastifyInstance, opts: { vouchers: VoucherService; applications: ApplicationService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { vouchers, applications } = opts;

  r.post(
    '/api/v1/voucher-schemes',
    {
      schema: {
        operationId: 'createVoucherScheme',
        tags,
        summary:
          '新建创新券方案 A scheme: { name, budgetFen } is enough, every other rule takes its default (city admin; a district admin for its co-funded scheme)',
        security: SESSION,
        body: SchemeInput,
        response: { 201: SchemeView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      reply.code(201);
      return presentScheme(await vouchers.createScheme(req.body, user), user, requestLocale(req));
    },
  );

  r.get(
    '/api/v1/voucher-schemes',
    {
      schema: {
        operationId: 'listVoucherSchemes',
        tags,
        summary: '创新券方案 Schemes with their rules and budget ledger (public)',
        security: PUBLIC,
        response: { 200: SchemeListView },
      },
    },
    async (req) => ({ items: (await vouchers.schemes()).map((s) => presentScheme(s, req.user, requestLocale(req))) }),
  );

  r.get(
    '/api/v1/voucher-schemes/:id',
    {
      schema: {
        operationId: 'getVoucherScheme',
        tags,
        summary: '方案详情 A scheme with its ledger totals (available, allocated, reserved, redeemed, paid)',
        security: PUBLIC,
        params: IdParams,
        response: { 200: SchemeView, ...errorResponses(404) },
      },
    },
    async (req) => presentScheme(await vouchers.scheme(req.params.id), req.user, requestLocale(req)),
  );

  r.patch(
    '/api/v1/voucher-schemes/:id',
    {
      schema: {
        operationId: 'updateVoucherScheme',
        tags,
        summary: '修改方案 Change a scheme’s rules, budget (not below what is committed) or close it',
        security: SESSION,
        params: IdParams,
        body: SchemePatch,
        response: { 200: SchemeView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentScheme(await vouchers.updateScheme(req.params.id, req.body, user), user, requestLocale(req));
    },
  );

  r.get(
    '/api/v1/voucher-eligibility',
    {
      schema: {
        operationId: 'getVoucherEligibility',
        tags,
        summary: '可申领的创新券 The open schemes an organization qualifies for, and why not (members: their own; offices: orgId)',
        security: SESSION,
        querystring: EligibilityQuery,
        response: { 200: EligibilityView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const orgId = isOffice(user) ? req.query.orgId : user.orgId;
      if (!orgId || (user.role === 'org_member' && req.query.orgId && req.query.orgId !== user.orgId)) throw forbidden('voucher.eligibilityOwnOnly');
      return presentEligibility(orgId, await vouchers.eligibility(orgId), requestLocale(req));
    },
  );

  r.post(
    '/api/v1/vouchers',
    {
      schema: {
        operationId: 'issueVoucher',
        tags,
        summary: '发放创新券 Issue a voucher directly: eligibility, the yearly cap and the budget are checked (over budget: 409)',
        security: SESSION,
        body: IssueInput,
        response: { 201: VoucherView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      const user = requireUser(req);
      return presentVoucher(await vouchers.issue(req.body, user), user);
    },
  );

  r.get(
    '/api/v1/vouchers',
    {
      schema: {
        operationId: 'listVouchers',
        tags,
        summary: '创新券 A member’s wallet; the offices’ vouchers (city: all; district: its schemes and holders)',
        security: SESSION,
        querystring: VoucherListQuery,
        response: { 200: VoucherListView, ...errorResponses(400, 401) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { items, total } = await vouchers.vouchers(user, req.query);
      return { items: items.map((v) => presentVoucher(v, user)), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  r.get(
    '/api/v1/vouchers/:id',
    {
      schema: {
        operationId: 'getVoucher',
        tags,
        summary: '创新券详情 One voucher (its holder and the offices)',
        security: SESSION,
        params: IdParams,
        response: { 200: VoucherView, ...errorResponses(401, 404) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentVoucher(await vouchers.voucher(req.params.id, user), user);
    },
  );

  r.post(
    '/api/v1/vouchers/:id/cancel',
    {
      schema: {
        operationId: 'cancelVoucher',
        tags,
        summary: '作废创新券 Cancel an active voucher with a reason: its unused balance goes back to the scheme’s budget (the scheme’s office)',
        security: SESSION,
        params: IdParams,
        body: CancelInput,
        response: { 200: VoucherView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentVoucher(await vouchers.cancel(req.params.id, req.body.reason, user), user);
    },
  );

  r.post(
    '/api/v1/voucher-applications',
    {
      schema: {
        operationId: 'applyForVoucher',
        tags,
        summary: '申领创新券 Apply for the organization (its eligibility is computed from its profile)',
        security: SESSION,
        body: ApplicationInput,
        response: { 201: ApplicationView, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const a = await applications.apply(req.body, user);
      reply.code(201);
      return presentApplication(a, user, requestLocale(req), (await vouchers.scheme(a.schemeId)).districtCode);
    },
  );

  r.get(
    '/api/v1/voucher-applications',
    {
      schema: {
        operationId: 'listVoucherApplications',
        tags,
        summary: '申领记录 A member’s applications; the offices’ review queue',
        security: SESSION,
        querystring: ApplicationListQuery,
        response: { 200: ApplicationListView, ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { items, total } = await applications.list(user, req.query);
      const districts = new Map((await vouchers.schemes()).map((s) => [s.id, s.districtCode]));
      return {
        items: items.map((a) => presentApplication(a, user, requestLocale(req), districts.get(a.schemeId) ?? null)),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  r.post(
    '/api/v1/voucher-applications/:id/decision',
    {
      schema: {
        operationId: 'decideVoucherApplication',
        tags,
        summary: '审核申领 Approve (issues the voucher, amount may be lowered) or reject with a reason',
        security: SESSION,
        params: IdParams,
        body: DecisionInput,
        response: { 200: ApplicationView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const a = await applications.decide(req.params.id, req.body, user);
      return presentApplication(a, user, requestLocale(req), (await vouchers.scheme(a.schemeId)).districtCode);
    },
  );
}
