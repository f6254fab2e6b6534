/** The market's vocabulary as the API takes and gives it: tech fields (disciplines, industries) and synonym groups. */
import { z } from 'zod';
import { IdParam } from '../../../platform/http/fields.ts';
import { labelled } from '../../../platform/http/validation.ts';
import { TechFieldKindSchema, type TechFieldKind } from '../schemas.ts';

export interface TechField {
  code: string;
  kind: TechFieldKind;
  name: string;
  nameEn: string;
}

export interface SynonymGroup {
  id: number;
  terms: string[];
}

export const TechFieldView = z
  .object({ code: z.string(), kind: TechFieldKindSchema, name: z.string(), nameEn: z.string() })
  .meta({ id: 'TechField', description: '学科或产业领域 A discipline or an industry field' });
export const TechFieldListView = z.object({ items: z.array(TechFieldView) });
export const SynonymGroupView = z
  .object({ id: z.number().int(), terms: z.array(z.string()) })
  .meta({ id: 'SynonymGroup', description: 'folded words that search treats as one' });
export const SynonymListView = z.object({ items: z.array(SynonymGroupView) });

export const TechFieldParams = z.object({ code: labelled(z.string().max(32), 'vocabulary.label.code') });
export const SynonymParams = z.object({ id: labelled(IdParam, 'vocabulary.label.synonymId') });

export const TechFieldInput = z.object({
  name: labelled(z.string().trim().min(2).max(50), 'vocabulary.label.name'),
  nameEn: labelled(z.string().trim().min(2).max(100), 'vocabulary.label.nameEn'),
});
export type TechFieldInput = z.output<typeof TechFieldInput>;

export const SynonymInput = z.object({
  terms: labelled(
    z
      .array(labelled(z.string().trim().min(1).max(40), 'vocabulary.label.term'))
      .min(2, 'market.synonymTooFew')
      .max(20),
    'vocabulary.label.terms',
  ),
});
