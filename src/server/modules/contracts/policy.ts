/**
 * Who may do what with a technology contract, and the review's state machine. The seller registers (drafts,
 * submits, corrects); the buyer reads and, when it is on the platform, confirms or disputes the submitted content; the staff of the contract's station review; the city office reads
 * everything and watches the clock, a district office its district's contracts. Nobody else learns that a
 * contract exists (404) — the public sees only the verification of a registration number.
 */
import { actsFor, administersDistrict, isAdmin, isDistrictAdmin, type CurrentUser } from '../auth/index.ts';
import type { Contract, ContractScope, ContractStatus } from './schemas.ts';

export type ContractSide = 'seller' | 'buyer' | 'station' | 'office';
type Parties = Pick<Contract, 'sellerOrgId' | 'buyerOrgId' | 'stationId' | 'sellerDivisionCode'>;

export const isStationStaff = (user: CurrentUser | null): boolean => user?.role === 'station_staff';

/** The side the caller is on; `stations` are the ids of the stations the caller works at. */
export function contractSide(c: Parties, user: CurrentUser | null, stations: readonly number[]): ContractSide | null {
  if (actsFor(user, c.sellerOrgId)) return 'seller';
  if (actsFor(user, c.buyerOrgId)) return 'buyer';
  if (isStationStaff(user) && c.stationId != null && stations.includes(c.stationId)) return 'station';
  if (isAdmin(user) || (isDistrictAdmin(user) && administersDistrict(user, c.sellerDivisionCode))) return 'office';
  return null;
}

/** A member of an organization registers for it (the seller). */
export const mayDraft = (user: CurrentUser | null): boolean => user?.role === 'org_member' && user.orgId != null;

/** Whose contracts a list shows. */
export function contractScope(user: CurrentUser, stations: readonly number[]): ContractScope {
  if (isAdmin(user)) return { all: true };
  if (isDistrictAdmin(user) && user.districtCode) return { districtCode: user.districtCode };
  if (isStationStaff(user)) return { stationIds: [...stations] };
  return { orgId: user.orgId ?? -1 };
}

/** The figures and the register's export: the offices and the stations. */
export const mayReadFigures = (user: CurrentUser | null): boolean => isAdmin(user) || isDistrictAdmin(user) || isStationStaff(user);

/** The state machine: which side takes each step, from which states, to which state. */
export const STEPS = {
  edit: { side: 'seller', from: ['draft', 'needs_correction'] },
  attachDocument: { side: 'seller', from: ['draft', 'needs_correction'] },
  submit: { side: 'seller', from: ['draft', 'needs_correction'], to: 'submitted' },
  confirm: { side: 'buyer', from: ['submitted'] },
  dispute: { side: 'buyer', from: ['submitted'] },
  accept: { side: 'station', from: ['submitted'], to: 'accepted' },
  requestCorrection: { side: 'station', from: ['submitted', 'accepted', 'under_review', 'expert_review'], to: 'needs_correction' },
  startReview: { side: 'station', from: ['accepted'], to: 'under_review' },
  assignExperts: { side: 'station', from: ['under_review', 'expert_review'], to: 'expert_review' },
  recordOpinion: { side: 'station', from: ['expert_review'] },
  register: { side: 'station', from: ['under_review', 'expert_review'], to: 'registered' },
  reject: { side: 'station', from: ['under_review', 'expert_review'], to: 'rejected' },
} as const satisfies Record<string, { side: ContractSide; from: readonly ContractStatus[]; to?: ContractStatus }>;
export type ContractStep = keyof typeof STEPS;
export const CONTRACT_STEPS = Object.keys(STEPS) as ContractStep[];

export const stateAllows = (step: ContractStep, status: ContractStatus): boolean => (STEPS[step].from as readonly ContractStatus[]).includes(status);
/** A buyer on the platform answers (confirms or disputes) before the station accepts; one elsewhere cannot, and need not. */
export const awaitsBuyer = (c: Pick<Contract, 'buyerOrgId' | 'buyerAnswer'>): boolean => c.buyerOrgId != null && c.buyerAnswer == null;

export const sideTakes = (step: ContractStep, side: ContractSide | null): boolean => side === STEPS[step].side;
