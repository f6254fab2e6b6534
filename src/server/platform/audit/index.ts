/** The audit trail, as modules use it: `recordAudit(tx, {type, actor, subject, detail})`. */
export { recordAudit, listAudit, eachAudit, type AuditEntry, type AuditEntryInput, type AuditFilter, type AuditActor, type AuditOutcome } from './log.ts';
export { verifyAuditChain, purgeAudit, type ChainReport } from './maintenance.ts';
export { requestOrigin, currentOrigin, withOrigin, type RequestOrigin } from './context.ts';
