/** The organization form's values → the API's OrgBody, and the API's field paths → the form's name paths */
import type { OrgBody, OrgKind, RecognitionKind, RevenueBand } from './api';

const LIST_FIELDS = new Set(['formerNames', 'kinds', 'categories']);
const KNOWN = new Set([
  'uscc',
  'name',
  'formerNames',
  'kinds',
  'categories',
  'districtCode',
  'clusterId',
  'address',
  'contactPerson',
  'contactPhone',
  'contactEmail',
  'foundedOn',
  'employees',
  'revenueBand',
  'recognitions',
  'description',
  'website',
]);

/** API field path ("recognitions.0.validTo", "kinds.1") → antd form name path. */
export function formPath(path: string): (string | number)[] | null {
  const parts = path.split('.');
  if (!KNOWN.has(parts[0])) return null;
  if (LIST_FIELDS.has(parts[0])) return [parts[0]];
  if (parts[0] === 'recognitions') {
    if (parts.length >= 3) return ['recognitions', Number(parts[1]), parts[2]];
    if (parts.length === 2) return ['recognitions', Number(parts[1]), 'kind'];
    return null;
  }
  return [parts[0]];
}

export interface FormValues {
  uscc: string;
  name: string;
  formerNames?: string[];
  kinds?: OrgKind[];
  categories?: string[];
  districtCode?: string | null;
  clusterId?: string | null;
  address?: string;
  contactPerson?: string;
  contactPhone?: string;
  contactEmail?: string;
  foundedOn?: string;
  employees?: number | null;
  revenueBand?: RevenueBand | null;
  recognitions?: { kind?: RecognitionKind; validFrom?: string; validTo?: string; certificateNo?: string }[];
  description?: string;
  website?: string;
}

export function toBody(v: FormValues): OrgBody {
  const text = (s?: string | null) => (s ?? '').trim();
  return {
    uscc: text(v.uscc).toUpperCase(),
    name: text(v.name),
    formerNames: v.formerNames ?? [],
    kinds: v.kinds ?? [],
    categories: v.categories ?? [],
    districtCode: v.districtCode || null,
    clusterId: v.clusterId || null,
    address: text(v.address),
    contactPerson: text(v.contactPerson),
    contactPhone: text(v.contactPhone),
    contactEmail: text(v.contactEmail),
    foundedOn: v.foundedOn || null,
    employees: v.employees ?? null,
    revenueBand: v.revenueBand || null,
    recognitions: (v.recognitions ?? []).flatMap((r) =>
      r?.kind ? [{ kind: r.kind, validFrom: r.validFrom || null, validTo: r.validTo || null, certificateNo: text(r.certificateNo) }] : [],
    ),
    description: text(v.description),
    website: text(v.website),
  };
}
