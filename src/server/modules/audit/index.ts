/**
 * The audit module's face: the reading side of the platform's audit trail (the admin page, the export,
 * the chain check). Writing is the platform's `recordAudit`, which every module calls.
 */
import './messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import { AUDIT_TABLES } from './tables.ts';
import { AuditService } from './service.ts';
import { auditRoutes } from './routes.ts';

export class AuditModule implements ModuleFace {
  readonly name = 'audit';
  readonly tables = AUDIT_TABLES;
  readonly service: AuditService;

  constructor(db: Database) {
    this.service = new AuditService(db);
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(auditRoutes, { audit: this.service });
  }
}
