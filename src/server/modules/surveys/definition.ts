/**
 * A report form (统计报表) as data: what the shipped forms are written in and what an uploaded XLSForm becomes.
 * Fields carry their type, unit, whether they are required, their range, an XLSForm `constraint` (cross-field
 * checks such as a part never above its total), a `relevant` condition, and the indicator an accepted filing's
 * value feeds (statistics' surveyed indicators, by code).
 */
export const FIELD_TYPES = ['integer', 'decimal', 'text', 'select_one', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** What a field may be prefilled from besides the last period's filing: the organization's directory profile. */
export const PREFILL_SOURCES = ['profile.employees'] as const;

export interface Choice {
  name: string;
  labelZh: string;
  labelEn: string;
}

export interface FormField {
  name: string;
  type: FieldType;
  labelZh: string;
  labelEn: string;
  hintZh?: string | null;
  hintEn?: string | null;
  unit?: string | null;
  /** 'yes' or an expression (XLSForm `required`) */
  required?: string | null;
  min?: number | null;
  max?: number | null;
  /** XLSForm `constraint`, and its message */
  constraint?: string | null;
  constraintMessageZh?: string | null;
  constraintMessageEn?: string | null;
  /** XLSForm `relevant`: the field is asked (and checked) only when it holds */
  relevant?: string | null;
  /** select_one: the list of the `choices` sheet */
  listName?: string | null;
  /** the surveyed indicator (statistics' code) an accepted filing's value adds to */
  indicator?: string | null;
  prefill?: (typeof PREFILL_SOURCES)[number] | null;
}

export interface FormDefinition {
  code: string;
  titleZh: string;
  titleEn: string;
  fields: FormField[];
  choices: Record<string, Choice[]>;
}
