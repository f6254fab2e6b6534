/** The instrument catalogue's routes: schema in → service → presenter out. */
import { AVAILABILITY_STEP_SECONDS } from './catalogue/clock.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../auth/index.ts';
import { sendStoredFile } from '../../platform/files/uploads.ts';
import { errorResponses, fileResponse, PUBLIC, SESSION } from '../../platform/http/contract.ts';
import { requestLocale } from '../../platform/http/i18n.ts';
import type { InstrumentService } from './service.ts';
import type { CatalogueService } from './catalogue/service.ts';
import {
  AvailabilityQuery,
  AvailabilityView,
  ClassInput,
  ClassParams,
  ExceptionInput,
  ExceptionListView,
  ExceptionParams,
  ExceptionView,
  IdParams,
  InstrumentClassListView,
  InstrumentDetailView,
  InstrumentHistoryView,
  InstrumentInput,
  InstrumentListQuery,
  InstrumentListView,
  InstrumentPatch,
  InstrumentView,
  NoContent,
  PhotoCreatedView,
  PhotoIdParams,
  PhotoParams,
  QualificationInput,
  QualificationListView,
  QualificationParams,
} from './schemas.ts';
import { presentInstrument, presentInstrumentFeed } from './presenter.ts';

const tags = ['instruments'];
const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

export async function instrumentRoutes(app: FastifyInstance, opts: { instruments: InstrumentService; catalogue: CatalogueService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { instruments: svc, catalogue } = opts;

  r.get(
    '/api/v1/instruments',
    {
      // the owner's name comes from the directory; availability from opening hours, exceptions and bookings
      // free slots are counted from the availability clock's step (catalogue/clock.ts): one answer per step
      config: { responseCache: { scopes: ['instruments', 'directory', 'reference'], timeSlotSeconds: AVAILABILITY_STEP_SECONDS } },
      schema: {
        operationId: 'listInstruments',
        tags,
        security: PUBLIC,
        summary: '仪器目录 Search the instrument catalogue',
        description:
          'Chinese text search (traditional/simplified folding, segmentation, pinyin typo fallback) with filters. `freeFrom` + `freeTo` (+ `minHours`) keep instruments that are open and unbooked for at least that long in one stretch; items then carry `freeSlots`.',
        querystring: InstrumentListQuery,
        response: { 200: InstrumentListView },
      },
    },
    async (req) => {
      const result = await catalogue.list(req.query, req.user);
      return { ...result, items: result.items.map((i) => presentInstrument(i, req.user)) };
    },
  );

  r.get(
    '/api/v1/instruments/:id',
    {
      schema: {
        operationId: 'getInstrument',
        tags,
        security: PUBLIC,
        summary: '仪器详情 Instrument',
        params: IdParams,
        response: { 200: InstrumentDetailView, ...errorResponses(404) },
      },
    },
    async (req) => presentInstrument(await svc.detail(req.params.id, req.user), req.user),
  );

  r.post(
    '/api/v1/instruments',
    {
      schema: {
        operationId: 'createInstrument',
        tags,
        security: SESSION,
        summary: '登记仪器 Create (owner organization member, city admin)',
        body: InstrumentInput,
        response: { 201: InstrumentView, ...errorResponses(401, 403) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const created = await svc.create(req.body, user);
      return reply.code(201).send(presentInstrument(created, user));
    },
  );

  r.patch(
    '/api/v1/instruments/:id',
    {
      schema: {
        operationId: 'updateInstrument',
        tags,
        security: SESSION,
        summary: '修改仪器 Edit (send `version` to detect concurrent edits)',
        params: IdParams,
        body: InstrumentPatch,
        response: { 200: InstrumentView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return presentInstrument(await svc.update(req.params.id, req.body, user), user);
    },
  );

  r.get(
    '/api/v1/instruments/:id/history',
    {
      schema: {
        operationId: 'listInstrumentHistory',
        tags,
        security: SESSION,
        summary: '修改历史 Change history (managers)',
        params: IdParams,
        response: { 200: InstrumentHistoryView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => svc.history(req.params.id, requireUser(req)),
  );

  r.get(
    '/api/v1/instruments/:id/availability',
    {
      schema: {
        operationId: 'getInstrumentAvailability',
        tags,
        security: PUBLIC,
        summary: '空闲时段 Open, closed, taken and free time in a window (≤ 62 days)',
        params: IdParams,
        querystring: AvailabilityQuery,
        response: { 200: AvailabilityView, ...errorResponses(404) },
      },
    },
    async (req) => catalogue.availability(req.params.id, req.query.from, req.query.to, req.user),
  );

  r.get(
    '/api/v1/instruments/:id/calendar.ics',
    {
      schema: {
        operationId: 'getInstrumentCalendar',
        tags,
        security: PUBLIC,
        summary: '仪器日历 iCalendar feed of taken slots (90 days back, 180 ahead)',
        params: IdParams,
        response: { 200: fileResponse('iCalendar (RFC 5545)', ['text/calendar']), ...errorResponses(404) },
      },
    },
    async (req, reply) => {
      const feed = presentInstrumentFeed(await catalogue.feed(req.params.id), requestLocale(req));
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="instrument-${req.params.id}.ics"`).send(feed);
    },
  );

  r.get(
    '/api/v1/instruments/:id/exceptions',
    {
      schema: {
        operationId: 'listInstrumentExceptions',
        tags,
        security: PUBLIC,
        summary: '停用与加开 Blackouts and extra openings',
        params: IdParams,
        response: { 200: ExceptionListView, ...errorResponses(404) },
      },
    },
    async (req) => ({ items: await svc.exceptions(req.params.id) }),
  );

  r.post(
    '/api/v1/instruments/:id/exceptions',
    {
      schema: {
        operationId: 'createInstrumentException',
        tags,
        security: SESSION,
        summary: '添加停用或加开 Add a blackout or extra opening',
        params: IdParams,
        body: ExceptionInput,
        response: { 201: ExceptionView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.addException(req.params.id, req.body, requireUser(req))),
  );

  r.delete(
    '/api/v1/instruments/:id/exceptions/:exceptionId',
    {
      schema: {
        operationId: 'deleteInstrumentException',
        tags,
        security: SESSION,
        summary: '删除停用或加开 Remove',
        params: ExceptionParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await svc.deleteException(req.params.id, req.params.exceptionId, requireUser(req));
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/instruments/:id/qualifications',
    {
      schema: {
        operationId: 'listInstrumentQualifications',
        tags,
        security: SESSION,
        summary: '培训合格用户 Trained users (managers)',
        params: IdParams,
        response: { 200: QualificationListView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ({ items: await svc.qualifications(req.params.id, requireUser(req)) }),
  );

  r.post(
    '/api/v1/instruments/:id/qualifications',
    {
      schema: {
        operationId: 'grantInstrumentQualification',
        tags,
        security: SESSION,
        summary: '授予上机资格 Grant a training qualification',
        params: IdParams,
        body: QualificationInput,
        response: { 201: QualificationListView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send({ items: await svc.grant(req.params.id, req.body.username, requireUser(req)) }),
  );

  r.delete(
    '/api/v1/instruments/:id/qualifications/:userId',
    {
      schema: {
        operationId: 'revokeInstrumentQualification',
        tags,
        security: SESSION,
        summary: '撤销上机资格 Revoke',
        params: QualificationParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await svc.revoke(req.params.id, req.params.userId, requireUser(req));
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/v1/instruments/:id/photos',
    {
      schema: {
        operationId: 'uploadInstrumentPhoto',
        tags,
        security: SESSION,
        consumes: ['multipart/form-data'],
        summary: '上传照片 Upload a photo (multipart `file`: JPEG, PNG or WebP ≤ 5 MB)',
        params: IdParams,
        response: { 201: PhotoCreatedView, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      return reply.code(201).send(await svc.addPhoto(req.params.id, await req.file(), user));
    },
  );

  r.delete(
    '/api/v1/instruments/:id/photos/:photoId',
    {
      schema: {
        operationId: 'deleteInstrumentPhoto',
        tags,
        security: SESSION,
        summary: '删除照片 Delete a photo',
        params: PhotoParams,
        response: { 204: NoContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await svc.deletePhoto(req.params.id, req.params.photoId, requireUser(req));
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/v1/instrument-photos/:id',
    {
      schema: {
        operationId: 'getInstrumentPhoto',
        tags,
        security: PUBLIC,
        summary: '仪器照片 Photo',
        params: PhotoIdParams,
        response: { 200: fileResponse('照片 The photo', PHOTO_MEDIA_TYPES), ...errorResponses(404) },
      },
    },
    async (req, reply) => {
      const photo = await svc.photo(req.params.id);
      const ext = photo.contentType.split('/')[1] ?? 'bin';
      return sendStoredFile(reply.header('cache-control', 'public, max-age=86400'), { ...photo, filename: `photo-${req.params.id}.${ext}` });
    },
  );

  r.get(
    '/api/v1/instrument-classes',
    {
      schema: {
        operationId: 'listInstrumentClasses',
        tags,
        security: PUBLIC,
        summary: '仪器分类 The 15 instrument classes (editable reference data)',
        response: { 200: InstrumentClassListView },
      },
    },
    async () => ({ items: await svc.classes() }),
  );

  r.put(
    '/api/v1/instrument-classes/:code',
    {
      schema: {
        operationId: 'saveInstrumentClass',
        tags,
        security: SESSION,
        summary: '修改仪器分类 Add or rename a class (city admin)',
        params: ClassParams,
        body: ClassInput,
        response: { 200: InstrumentClassListView, ...errorResponses(401, 403) },
      },
    },
    async (req) => ({ items: await svc.saveClass(req.params.code, req.body, requireUser(req)) }),
  );
}
