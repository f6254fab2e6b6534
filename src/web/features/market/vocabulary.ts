/**
 * The market's fixed vocabularies as runtime lists, in the order the pages list them (the selects' and tabs'
 * options). The types are the generated ones (schema.d.ts); TypeScript's types are gone at runtime, so the values
 * are written out once here, and `satisfies` fails to compile when the server drops or renames one.
 */
import type { CooperationMode, IpType, MatchKind, Maturity, SearchKind, TechManagerGrade, TransferMode } from './api';

export const MATURITIES = ['research', 'small_pilot', 'pilot', 'industrial'] as const satisfies readonly Maturity[];
export const TRANSFER_MODES = ['transfer', 'license', 'equity', 'joint_development'] as const satisfies readonly TransferMode[];
export const COOPERATION_MODES = [...TRANSFER_MODES, 'consulting', 'commissioned'] as const satisfies readonly CooperationMode[];
export const IP_TYPES = ['invention', 'utility_model', 'design', 'software_copyright'] as const satisfies readonly IpType[];
export const SEARCH_KINDS = ['achievement', 'demand', 'expert', 'org', 'instrument'] as const satisfies readonly SearchKind[];
export const MATCH_KINDS = ['achievement', 'expert', 'provider', 'instrument'] as const satisfies readonly MatchKind[];
export const GRADES = ['junior', 'intermediate', 'senior'] as const satisfies readonly TechManagerGrade[];
