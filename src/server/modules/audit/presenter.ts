import type { z } from 'zod';
import type { AuditEntry } from '../../platform/audit/index.ts';
import { type Locale, messageKeys, translate } from '../../platform/http/i18n.ts';
import type { SheetColumn } from '../../platform/export/spreadsheet.ts';
import type { AuditEntryView } from './schemas.ts';

const TYPE_KEY = 'audit.type.';

/** A type's name in the reader's language; a type no module named shows as itself. */
export function typeLabel(type: string, locale: Locale): string {
  const key = TYPE_KEY + type;
  const text = translate(locale, key);
  return text === key ? type : text;
}

export const auditTypes = (locale: Locale) => messageKeys(TYPE_KEY).map((k) => ({ type: k.slice(TYPE_KEY.length), label: translate(locale, k) }));

export function toEntryView(e: AuditEntry, locale: Locale): z.infer<typeof AuditEntryView> {
  return {
    id: e.id,
    at: e.at,
    type: e.type,
    typeLabel: typeLabel(e.type, locale),
    outcome: e.outcome as 'success' | 'failure' | 'denied',
    actorId: e.actorId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    districtCode: e.districtCode,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    detail: (e.detail ?? {}) as Record<string, unknown>,
    hash: e.hash,
  };
}

export function exportColumns(locale: Locale): SheetColumn[] {
  const h = (k: string) => translate(locale, `audit.column.${k}`);
  return [
    { header: h('id'), width: 10 },
    { header: h('at'), width: 20 },
    { header: h('type'), width: 18 },
    { header: h('outcome'), width: 10 },
    { header: h('actor'), width: 16 },
    { header: h('role'), width: 14 },
    { header: h('district'), width: 10 },
    { header: h('subject'), width: 18 },
    { header: h('ip'), width: 16 },
    { header: h('userAgent'), width: 30 },
    { header: h('detail'), width: 50 },
    { header: h('hash'), width: 66 },
  ];
}

const beijing = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' });

export function toCells(e: AuditEntry, locale: Locale): (string | number | null)[] {
  return [
    e.id,
    beijing(e.at),
    typeLabel(e.type, locale),
    translate(locale, `audit.outcome.${e.outcome}`),
    e.actorName,
    e.actorRole ? translate(locale, `audit.role.${e.actorRole}`) : null,
    e.districtCode,
    e.subjectType ? `${e.subjectType} #${e.subjectId}` : null,
    e.ip,
    e.userAgent,
    JSON.stringify(e.detail),
    e.hash,
  ];
}
