import { describe, expect, it } from 'vitest';
import { addWorkingDays, workingDaysBetween, type WorkCalendar } from '../../src/server/modules/contracts/calendar.ts';
import { crossFieldProblems } from '../../src/server/modules/contracts/schemas.ts';
import { missingFields, registrationNumber } from '../../src/server/modules/contracts/service.ts';
import { taxReliefs } from '../../src/server/modules/contracts/presenter.ts';
import { sideTakes, stateAllows, STEPS } from '../../src/server/modules/contracts/policy.ts';

/** weekends only: what the count would be without the State Council's arrangement */
const weekendsOnly: WorkCalendar = { isWorkday: (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) };

describe('working days with China’s holidays and make-up days', () => {
  it('skips the National Day holiday (1–7 October 2026) and counts the make-up Saturday, 10 October', () => {
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3)).toBe('2026-10-10'); // Thu 8, Fri 9, Sat 10 (调休上班)
    expect(addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
    // without the calendar the same count would land in the holiday and miss the make-up day
    expect(addWorkingDays('2026-09-30', 3, weekendsOnly)).toBe('2026-10-05');
    expect(workingDaysBetween('2026-09-30', '2026-10-12')).toBe(4);
  });

  it('counts the Spring Festival 2026: the make-up Saturday 14 February works, the holiday to 23 February does not', () => {
    expect(addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
  });

  it('gives 15 working days from a submission on 30 September 2026 as 27 October, not 21 October', () => {
    expect(addWorkingDays('2026-09-30', 15)).toBe('2026-10-27');
    expect(addWorkingDays('2026-09-30', 15, weekendsOnly)).toBe('2026-10-21');
  });
});

describe('contract rules', () => {
  it('refuses 技术交易额 above 合同成交额 at both fields, costs above the difference, sub-types of another type, reversed validity', () => {
    expect(crossFieldProblems({ amountFen: 100, techAmountFen: 101 }).map((p) => p.path)).toEqual(['techAmountFen', 'amountFen']);
    expect(crossFieldProblems({ amountFen: 100, techAmountFen: 100 })).toEqual([]);
    expect(crossFieldProblems({ amountFen: 100, techAmountFen: 80, equipmentFen: 10, partsFen: 5, materialsFen: 5 })).toEqual([]);
    expect(crossFieldProblems({ amountFen: 100, techAmountFen: 80, equipmentFen: 10, partsFen: 5, materialsFen: 6 }).map((p) => p.path)).toEqual([
      'equipmentFen',
    ]);
    expect(crossFieldProblems({ contractType: 'license', subType: 'exclusive' })).toEqual([]);
    expect(crossFieldProblems({ contractType: 'development', subType: 'exclusive' }).map((p) => p.path)).toEqual(['subType']);
    expect(crossFieldProblems({ validFrom: '2026-01-02', validUntil: '2026-01-01' }).map((p) => p.path)).toEqual(['validUntil']);
  });

  it('asks transfers, and only transfers, for the expected new investment and output', () => {
    const base = { projectName: 'x', contractType: 'service' as const, subType: 'training' };
    expect(missingFields(base)).not.toContain('newInvestmentFen');
    expect(missingFields({ ...base, contractType: 'transfer' })).toEqual(
      expect.arrayContaining(['newInvestmentFen', 'newOutputFen', 'seller.uscc', 'buyer.nature']),
    );
  });

  it('builds registration numbers from the pattern', () => {
    expect(registrationNumber('{year}{division}{station}{seq}', { year: 2026, division: '500106', station: 'S06', seq: 12 })).toBe('2026500106S06000012');
    expect(registrationNumber('{year}-{station}-{seq}', { year: 2027, division: '500106', station: 'S06', seq: 1234567 })).toBe('2027-S06-1234567');
  });

  it('states the tax reliefs: VAT for development and transfer, income tax for transfer', () => {
    expect(taxReliefs({ contractType: 'transfer' })).toEqual(['vat_exemption', 'income_tax_relief']);
    expect(taxReliefs({ contractType: 'development' })).toEqual(['vat_exemption']);
    expect(taxReliefs({ contractType: 'service' })).toEqual([]);
  });

  it('lets the seller correct only drafts and returned contracts, the station decide only under review', () => {
    expect(stateAllows('submit', 'needs_correction')).toBe(true);
    expect(stateAllows('submit', 'submitted')).toBe(false);
    expect(stateAllows('register', 'accepted')).toBe(false);
    expect(sideTakes('register', 'seller')).toBe(false);
    expect(sideTakes('register', 'station')).toBe(true);
    expect(sideTakes('accept', 'office')).toBe(false);
    expect(STEPS.requestCorrection.from).toEqual(['submitted', 'accepted', 'under_review', 'expert_review']);
  });
});
