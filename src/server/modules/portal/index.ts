/**
 * The portal module's face (门户): the front page's one read (front/) and the offices' notices (通知公告). Built from
 * the faces it reads: the statistics (kept indicator figures), the market and the instruments (newest listings).
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import { PORTAL_TABLES } from './tables.ts';
import { NoticeService } from './service.ts';
import { noticeRoutes } from './routes.ts';
import { FrontService, type FrontSources } from './front/service.ts';
import { frontRoutes } from './front/routes.ts';

export type { FrontSources } from './front/service.ts';

export class PortalModule implements ModuleFace {
  readonly name = 'portal';
  readonly tables = PORTAL_TABLES;
  readonly notices: NoticeService;
  readonly front: FrontService;

  constructor(db: Database, sources: FrontSources) {
    this.notices = new NoticeService(db);
    this.front = new FrontService(sources, this.notices);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(noticeRoutes, { notices: this.notices });
    await app.register(frontRoutes, { front: this.front });
  }
}
