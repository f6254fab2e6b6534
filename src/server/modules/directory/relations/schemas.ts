/** Organization relations and the legal representative (issue 11): what a voucher's "related parties" rule reads. */
import { z } from 'zod';
import { IdParam } from '../../../platform/http/fields.ts';
import { labelled as l } from '../../../platform/http/validation.ts';

/** parent_of: the first owns the second (母公司 → 子公司); incubates: an incubator hosts the second (在孵). */
export const ORG_RELATION_KINDS = ['parent_of', 'incubates'] as const;
export type OrgRelationKind = (typeof ORG_RELATION_KINDS)[number];

/** Why a voucher holder and a provider count as related; null when they are not. */
export type RelatedReason = 'same_org' | 'parent' | 'subsidiary' | 'shared_legal_representative';

export const RelationParams = z.object({ id: IdParam, relationId: IdParam });
export const RelationInput = z.object({
  kind: l(z.enum(ORG_RELATION_KINDS), 'org.label.relation.kind'),
  toOrgId: l(z.number().int().positive(), 'org.label.relation.toOrgId'),
});
export type RelationInput = z.output<typeof RelationInput>;
export const LegalRepresentativeInput = z.object({
  legalRepresentative: l(z.string().trim().min(2, 'org.legalRepresentativeShort').max(50).nullable(), 'org.label.legalRepresentative'),
});

export const OrgRelationView = z
  .object({
    id: z.number().int(),
    kind: z.enum(ORG_RELATION_KINDS),
    /** outgoing: this organization is the parent / the incubator; incoming: the subsidiary / the incubated team */
    direction: z.enum(['outgoing', 'incoming']),
    org: z.object({ id: z.number().int(), name: z.string() }),
  })
  .meta({ id: 'OrgRelation' });
export type OrgRelation = z.infer<typeof OrgRelationView>;

export const OrgRelationsView = z
  .object({
    orgId: z.number().int(),
    legalRepresentative: z.string().nullable().meta({ description: 'personal data: shown to the organization itself and the offices' }),
    relations: z.array(OrgRelationView),
    can: z.object({ edit: z.boolean() }),
  })
  .meta({ id: 'OrgRelations' });
