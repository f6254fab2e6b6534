/** The vouchers' figures for the statistics: a year's, a district office's own district only. */
import type { Queryable } from '../../../platform/db/database.ts';
import { VoucherStatsRepository } from './repository.ts';

/** The figures for a year, a district office seeing its own district's only. */
export class VoucherStatsService {
  private readonly repo: VoucherStatsRepository;
  constructor(db: Queryable) {
    this.repo = new VoucherStatsRepository(db);
  }

  async figures(year: number, district: string | null) {
    return {
      issued: { byDistrict: await this.repo.issuedBy('district', year, district), byScheme: await this.repo.issuedBy('scheme', year, district) },
      redeemed: {
        byDistrict: await this.repo.redeemedBy('district', year, district),
        byScheme: await this.repo.redeemedBy('scheme', year, district),
        byCategory: await this.repo.redeemedBy('category', year, district),
      },
    };
  }
}
