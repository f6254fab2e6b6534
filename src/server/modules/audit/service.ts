/** Reading the audit trail within the reader's scope; exporting it is itself an audited act. */
import type { Database } from '../../platform/db/database.ts';
import { type AuditFilter, eachAudit, listAudit, recordAudit, verifyAuditChain } from '../../platform/audit/index.ts';
import type { CurrentUser } from '../auth/index.ts';
import { auditScope } from './policy.ts';

export interface AuditQueryInput {
  type?: string[];
  typePrefix?: string;
  outcome?: 'success' | 'failure' | 'denied';
  actor?: string;
  subjectType?: string;
  subjectId?: string;
  districtCode?: string;
  from?: string;
  to?: string;
}

const EXPORT_MAX = 100_000;

/** A calendar day in Beijing time, as the instant it starts. */
const beijingDay = (d: string, plusDays = 0) => new Date(new Date(`${d}T00:00:00+08:00`).getTime() + plusDays * 86_400_000);

export class AuditService {
  constructor(private readonly db: Database) {}

  filter(q: AuditQueryInput, reader: CurrentUser): AuditFilter {
    const scope = auditScope(reader);
    return {
      types: q.type,
      typePrefix: q.typePrefix,
      outcome: q.outcome,
      actorName: q.actor,
      subjectType: q.subjectType,
      subjectId: q.subjectId,
      // a district office is held to its own district, whatever it asks for
      districtCode: scope ?? q.districtCode,
      from: q.from ? beijingDay(q.from) : undefined,
      to: q.to ? beijingDay(q.to, 1) : undefined,
    };
  }

  list(q: AuditQueryInput, reader: CurrentUser, page: { page: number; pageSize: number }) {
    return listAudit(this.db, this.filter(q, reader), { offset: (page.page - 1) * page.pageSize, limit: page.pageSize });
  }

  /** The entries for an export, after recording who exported what (addresses and names are personal data). */
  async exportEntries(q: AuditQueryInput, reader: CurrentUser) {
    const filter = this.filter(q, reader);
    await recordAudit(this.db, {
      type: 'audit.exported',
      actor: reader,
      districtCode: auditScope(reader),
      detail: { filter: { ...q }, personalData: true },
    });
    return eachAudit(this.db, filter, EXPORT_MAX);
  }

  verify() {
    return verifyAuditChain(this.db);
  }
}
