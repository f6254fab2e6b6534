/** Shapes of the technology supply-and-demand API (docs/MARKET.md). */

export interface Segment { text: string; hit: boolean }
export interface Highlighted { title?: Segment[]; snippet?: Segment[] }
export interface FacetCount { code: string; count: number }

export type Maturity = 'research' | 'small_pilot' | 'pilot' | 'industrial';
export type TransferMode = 'transfer' | 'license' | 'equity' | 'joint_development';
export type IpType = 'invention' | 'utility_model' | 'design' | 'software_copyright';
export type ItemStatus = 'draft' | 'in_review' | 'published' | 'closed';
export type MatchKind = 'achievement' | 'expert' | 'provider' | 'instrument';
export type Verdict = 'relevant' | 'not_relevant' | 'contacted';
export type SearchKind = 'achievement' | 'demand' | 'expert' | 'org' | 'instrument';

export const MATURITIES: Maturity[] = ['research', 'small_pilot', 'pilot', 'industrial'];
export const TRANSFER_MODES: TransferMode[] = ['transfer', 'license', 'equity', 'joint_development'];
export const COOPERATION_MODES = [...TRANSFER_MODES, 'consulting', 'commissioned'];
export const IP_TYPES: IpType[] = ['invention', 'utility_model', 'design', 'software_copyright'];
export const SEARCH_KINDS: SearchKind[] = ['achievement', 'demand', 'expert', 'org', 'instrument'];
export const MATCH_KINDS: MatchKind[] = ['achievement', 'expert', 'provider', 'instrument'];
export const GRADES = ['junior', 'intermediate', 'senior'] as const;

export interface TechField { code: string; kind: 'discipline' | 'industry'; name: string; nameEn: string }

export interface Achievement {
  id: number; ownerOrgId: number; ownerName: string; title: string; abstract: string; keywords: string[];
  disciplineCode: string | null; industryCode: string | null; maturity: Maturity; trl: number | null;
  ip: { type: IpType; number: string }[]; transferModes: TransferMode[]; priceNegotiable: boolean;
  priceMinFen: number | null; priceMaxFen: number | null; inventors: { id: number; name: string; title: string | null }[];
  attachments: { id: number; filename: string; contentType: string; size: number }[]; status: ItemStatus;
  reviewNote: string | null; publishedAt: string | null; createdAt: string; updatedAt: string; version: number;
  highlight?: Highlighted;
}

export interface Demand {
  id: number; orgId: number; orgName: string; title: string; description: string; industryCode: string | null;
  disciplineCode: string | null; maturityNeeded: Maturity | null; budgetNegotiable: boolean; budgetFen: number | null;
  deadline: string | null; cooperationModes: string[]; districtCode: string | null; contactName: string | null;
  contactPhone: string | null; status: ItemStatus; reviewNote?: string | null; publishedAt?: string | null;
  createdAt?: string; updatedAt?: string; version: number; highlight?: Highlighted;
}

export interface Expert {
  id: number; userId: number | null; name: string; title: string | null; affiliationOrgId: number | null; affiliation: string | null;
  fields: string[]; keywords: string[]; biography: string | null; consulting: boolean; consultingNote: string | null;
  techManagerGrade: 'junior' | 'intermediate' | 'senior' | null; commissioner: boolean; districtCode: string | null;
  contactConsent: boolean; contact: { phone: string | null; email: string | null } | null; contactHidden: 'sign_in' | 'no_consent' | null;
  achievements: { id: number; title: string }[]; status: string; version: number; highlight?: Highlighted;
}

export interface ListResponse<T> {
  items: T[]; total: number; page: number; pageSize: number; fuzzy?: boolean; facets?: Record<string, FacetCount[]>;
}

export interface SearchItem { kind: SearchKind; id: number; title: Segment[]; snippet: Segment[]; meta?: Record<string, unknown> }
export interface SearchResponse {
  q: string; kind: SearchKind | null; counts: Record<SearchKind, number>; items: SearchItem[]; total: number; page: number; pageSize: number; fuzzy?: boolean;
}

export interface Breakdown { terms: number; field: number; maturity: number; district: number; price: number; feedback: number }
export interface Match {
  kind: MatchKind | string; id: number; title: string; subtitle: string | null; score: number; breakdown: Partial<Breakdown> & Record<string, number>;
  sharedTerms: string[]; reasons: string[]; feedback: Verdict | null;
}
export interface DemandMatches { terms: { term: string; weight: number }[]; achievements: Match[]; experts: Match[]; providers: Match[]; instruments: Match[] }
export interface AchievementMatches { demands: Match[]; enterprises: Match[] }

export type DealStatus = 'inquiry' | 'negotiating' | 'agreed' | 'withdrawn';
export interface DealMessage { id: number; authorName: string; orgName: string; side: 'initiator' | 'counterpart'; body: string; createdAt: string }
export interface Deal {
  id: number; kind: 'inquiry' | 'offer'; subject: { kind: 'achievement' | 'demand'; id: number; title: string };
  initiator: { orgId: number; name: string }; counterpart: { orgId: number; name: string }; status: DealStatus;
  agreedByInitiator: boolean; agreedByCounterpart: boolean; mySide: 'initiator' | 'counterpart' | null;
  messages: DealMessage[]; createdAt: string; updatedAt: string; withdrawnReason?: string | null;
}
