/** Bulletins as the API gives them: the published version for everyone, the working copy for its composers only. */
import type { BulletinRow, VersionRow } from './repository.ts';
import type { BulletinSummary, BulletinVersionView, BulletinView } from './schemas.ts';

const base = (id: number) => `/api/v1/bulletins/${id}`;

export function versionView(b: BulletinRow, v: VersionRow): BulletinVersionView {
  return {
    bulletinId: b.id,
    version: v.version,
    number: b.number!,
    scope: b.scope,
    title: v.title,
    period: v.period,
    lead: v.lead,
    sections: v.sections,
    figures: v.figures,
    correctionNote: v.correctionNote,
    publishedAt: v.publishedAt,
    pdf: `${base(b.id)}/versions/${v.version}/pdf`,
    xlsx: `${base(b.id)}/versions/${v.version}/xlsx`,
  };
}

export function present(b: BulletinRow, versions: VersionRow[], composer: boolean): BulletinView {
  const latest = versions.find((v) => v.version === b.latestVersion) ?? null;
  return {
    id: b.id,
    scope: b.scope,
    number: b.number,
    status: b.latestVersion > 0 ? 'published' : 'draft',
    latestVersion: b.latestVersion,
    firstPublishedAt: b.firstPublishedAt,
    published: latest ? versionView(b, latest) : null,
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.publishedAt, correctionNote: v.correctionNote })),
    draft: composer
      ? {
          period: b.period,
          title: b.title,
          lead: b.lead,
          sections: b.sections,
          indicatorIds: b.indicatorIds,
          pending: b.pending,
          version: b.version,
          updatedAt: b.updatedAt,
        }
      : null,
    can: { edit: composer, publish: composer },
  };
}

export function summary(b: BulletinRow, publishedAt: Date | null): BulletinSummary {
  return {
    id: b.id,
    scope: b.scope,
    number: b.number,
    title: b.title,
    period: b.period,
    status: b.latestVersion > 0 ? 'published' : 'draft',
    latestVersion: b.latestVersion,
    pending: b.pending,
    publishedAt,
    updatedAt: b.updatedAt,
  };
}
