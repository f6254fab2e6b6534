import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole, requireUser } from '../auth/index.ts';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import type { InstrumentService } from './service.ts';
import { AvailabilityQuery, ClassInput, ExceptionInput, InstrumentInput, InstrumentListQuery, InstrumentPatch } from './schemas.ts';
import { presentInstrument } from './presenter.ts';
import { instrumentCalendar } from './catalogue/availability-sql.ts';
import { icsCalendar } from './calendar.ts';
import type { Database } from '../../platform/db/database.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const tags = ['instruments'];
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);
const PHOTO_MAX = 5 * 1024 * 1024;

export async function instrumentRoutes(app: FastifyInstance, opts: { instruments: InstrumentService; db: Database }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const svc = opts.instruments;

  r.get(
    '/api/v1/instruments',
    {
      schema: {
        tags,
        summary: '仪器目录 Search the instrument catalogue',
        description:
          'Chinese text search (traditional/simplified folding, segmentation, pinyin typo fallback) with filters. `freeFrom` + `freeTo` (+ `minHours`) keep instruments that are open and unbooked for at least that long in one stretch; items then carry `freeSlots`.',
        querystring: InstrumentListQuery,
      },
    },
    async (req) => {
      const result = await svc.list(req.query, req.user);
      return { ...result, items: result.items.map((i) => presentInstrument(i, req.user)) };
    },
  );

  r.get('/api/v1/instruments/:id', { schema: { tags, summary: '仪器详情 Instrument', params: IdParams } }, async (req) => {
    const instrument = presentInstrument(await svc.get(req.params.id), req.user);
    const qualified = req.user ? !instrument.needsTraining || (await svc.repo.isQualified(instrument.id, req.user.id)) || req.user.orgId === instrument.ownerOrgId : false;
    return { ...instrument, qualified };
  });

  r.post('/api/v1/instruments', { schema: { tags, summary: '登记仪器 Create (owner organization member, city admin)', body: InstrumentInput } }, async (req, reply) => {
    const user = requireRole(req, 'admin', 'org_member');
    reply.code(201);
    return presentInstrument(await svc.create(req.body, user), user);
  });

  r.patch(
    '/api/v1/instruments/:id',
    { schema: { tags, summary: '修改仪器 Edit (send `version` to detect concurrent edits)', params: IdParams, body: InstrumentPatch } },
    async (req) => {
      const user = requireRole(req, 'admin', 'org_member');
      return presentInstrument(await svc.update(req.params.id, req.body, user), user);
    },
  );

  r.get('/api/v1/instruments/:id/history', { schema: { tags, summary: '修改历史 Change history (managers)', params: IdParams } }, async (req) => {
    const user = requireUser(req);
    await svc.assertManager(req.params.id, user);
    const items = await svc.history(req.params.id);
    return { items, total: items.length };
  });

  r.get(
    '/api/v1/instruments/:id/availability',
    { schema: { tags, summary: '空闲时段 Open, closed, taken and free time in a window (≤ 62 days)', params: IdParams, querystring: AvailabilityQuery } },
    async (req) => svc.availability(req.params.id, req.query.from, req.query.to, req.user),
  );

  r.get('/api/v1/instruments/:id/calendar.ics', { schema: { tags, summary: '仪器日历 iCalendar feed of taken slots (90 days back, 180 ahead)', params: IdParams } }, async (req, reply) => {
    const instrument = await svc.get(req.params.id);
    const now = Date.now();
    const cal = await instrumentCalendar(opts.db, instrument.id, new Date(now - 90 * 86400_000), new Date(now + 180 * 86400_000));
    const events = [
      ...cal.busy.map((b) => ({ uid: `booking-${b.bookingId}@kefutong`, start: b.start, end: b.end, summary: `${instrument.name}：已预约`, status: b.status === 'pending' ? ('TENTATIVE' as const) : ('CONFIRMED' as const), location: [instrument.address, instrument.room].filter(Boolean).join(' ') || undefined })),
      ...cal.closed.map((c, n) => ({ uid: `closed-${instrument.id}-${c.start.getTime()}-${n}@kefutong`, start: c.start, end: c.end, summary: `${instrument.name}：停用${c.reason ? `（${c.reason}）` : ''}` })),
    ];
    reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="instrument-${instrument.id}.ics"`);
    return icsCalendar(instrument.name, events);
  });

  r.get('/api/v1/instruments/:id/exceptions', { schema: { tags, summary: '停用与加开 Blackouts and extra openings', params: IdParams } }, async (req) => ({ items: await svc.exceptions(req.params.id) }));
  r.post('/api/v1/instruments/:id/exceptions', { schema: { tags, summary: '添加停用或加开 Add a blackout or extra opening', params: IdParams, body: ExceptionInput } }, async (req, reply) => {
    const user = requireUser(req);
    reply.code(201);
    return svc.addException(req.params.id, req.body, user);
  });
  r.delete(
    '/api/v1/instruments/:id/exceptions/:exceptionId',
    { schema: { tags, summary: '删除停用或加开 Remove', params: IdParams.extend({ exceptionId: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      await svc.deleteException(req.params.id, req.params.exceptionId, requireUser(req));
      return reply.code(204).send();
    },
  );

  r.get('/api/v1/instruments/:id/qualifications', { schema: { tags, summary: '培训合格用户 Trained users (managers)', params: IdParams } }, async (req) => ({ items: await svc.qualifications(req.params.id, requireUser(req)) }));
  r.post(
    '/api/v1/instruments/:id/qualifications',
    { schema: { tags, summary: '授予上机资格 Grant a training qualification', params: IdParams, body: z.object({ username: z.string().trim().min(1).max(64) }) } },
    async (req, reply) => {
      reply.code(201);
      return { items: await svc.grant(req.params.id, req.body.username, requireUser(req)) };
    },
  );
  r.delete(
    '/api/v1/instruments/:id/qualifications/:userId',
    { schema: { tags, summary: '撤销上机资格 Revoke', params: IdParams.extend({ userId: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      await svc.revoke(req.params.id, req.params.userId, requireUser(req));
      return reply.code(204).send();
    },
  );

  r.post('/api/v1/instruments/:id/photos', { schema: { tags, summary: '上传照片 Upload a photo (multipart `file`: JPEG, PNG or WebP ≤ 5 MB)', params: IdParams } }, async (req, reply) => {
    const user = requireUser(req);
    const file = await req.file();
    if (!file) throw badRequest('no_file', 'instrument.photoMissing');
    if (!PHOTO_TYPES.has(file.mimetype)) throw badRequest('bad_photo', 'instrument.photoType', { type: file.mimetype });
    const data = await file.toBuffer();
    if (data.length > PHOTO_MAX) throw badRequest('bad_photo', 'instrument.photoTooLarge', { limit: '5 MB' });
    reply.code(201);
    return svc.addPhoto(req.params.id, file.mimetype, data, user);
  });
  r.delete(
    '/api/v1/instruments/:id/photos/:photoId',
    { schema: { tags, summary: '删除照片 Delete a photo', params: IdParams.extend({ photoId: z.coerce.number().int().positive() }) } },
    async (req, reply) => {
      await svc.deletePhoto(req.params.id, req.params.photoId, requireUser(req));
      return reply.code(204).send();
    },
  );
  r.get('/api/v1/instrument-photos/:id', { schema: { tags, summary: '仪器照片 Photo', params: IdParams } }, async (req, reply) => {
    const photo = await svc.repo.photo(req.params.id);
    if (!photo) throw notFound('instrument.photoNotFound');
    reply.type(photo.contentType).header('cache-control', 'public, max-age=86400');
    return photo.data;
  });

  r.get('/api/v1/instrument-classes', { schema: { tags, summary: '仪器分类 The 15 instrument classes (editable reference data)' } }, async () => ({ items: await svc.repo.classes() }));
  r.put(
    '/api/v1/instrument-classes/:code',
    { schema: { tags, summary: '修改仪器分类 Add or rename a class (city admin)', params: z.object({ code: z.string().regex(/^[a-z_]{2,32}$/) }), body: ClassInput } },
    async (req) => {
      return { items: await svc.saveClass(req.params.code, req.body, requireRole(req, 'admin')) };
    },
  );
}
