/**
 * The audit module owns no table: the log itself (audit_log) is the platform's, since every module
 * writes to it (platform/audit). This module is its reading face: the admin page, the export, the check.
 */
export const AUDIT_TABLES = [] as const;
