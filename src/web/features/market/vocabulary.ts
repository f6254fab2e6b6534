/** The market's fixed vocabularies, in the order the pages list them. */
import type { IpType, ListedKind, MatchKind, Maturity, SearchKind, TransferMode } from './api';

export const MATURITIES: Maturity[] = ['research', 'small_pilot', 'pilot', 'industrial'];
export const TRANSFER_MODES: TransferMode[] = ['transfer', 'license', 'equity', 'joint_development'];
export const COOPERATION_MODES = [...TRANSFER_MODES, 'consulting', 'commissioned'];
export const IP_TYPES: IpType[] = ['invention', 'utility_model', 'design', 'software_copyright'];
export const SEARCH_KINDS: SearchKind[] = ['achievement', 'demand', 'expert', 'org', 'instrument'];
export const LISTED_KINDS: ListedKind[] = ['achievement', 'demand', 'expert'];
export const MATCH_KINDS: MatchKind[] = ['achievement', 'expert', 'provider', 'instrument'];
export const GRADES = ['junior', 'intermediate', 'senior'] as const;
