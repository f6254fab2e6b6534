/**
 * Technology contract registration (技术合同认定登记) as app.ts and other modules see it: the module (routes),
 * the stations' reference data and staff, and the demo seeding. The market's deals and expert pool and the
 * directory's organizations come in through their faces (ContractDeps).
 */
import './messages.ts';
import './lifecycle-messages.ts';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { ModuleFace } from '../../platform/module.ts';
import { CONTRACTS_TABLES } from './tables.ts';
import { type ContractDeps, type ContractOptions, ContractService } from './service.ts';
import { contractRoutes } from './routes.ts';
import { ContractDocuments } from './document.ts';
import { ContractConfirmations } from './confirmation.ts';
import { ExpertReviews } from './reviews.ts';
import { ContractChanges } from './changes.ts';
import { contractLifecycleRoutes } from './lifecycle-routes.ts';
import { WorkloadService, workloadRoutes } from './workload/index.ts';

export { CONTRACT_STATUSES, CONTRACT_TYPES, type ContractStatus } from './schemas.ts';
export { addWorkingDays, workingDaysBetween, type WorkCalendar } from './calendar.ts';
export { seedDemoContracts } from './demo.ts';
export { ContractConfirmations } from './confirmation.ts';
export type { ContractService } from './service.ts';

export class ContractsModule implements ModuleFace {
  readonly name = 'contracts';
  readonly tables = CONTRACTS_TABLES;
  readonly contracts: ContractService;
  readonly documents: ContractDocuments;
  readonly confirmations: ContractConfirmations;
  readonly reviews: ExpertReviews;
  readonly changes: ContractChanges;
  readonly workload: WorkloadService;

  constructor(
    db: Database,
    deps: ContractDeps,
    private readonly opts: Partial<ContractOptions> & { pdfFontPath?: string } = {},
  ) {
    this.contracts = new ContractService(db, deps, opts);
    this.documents = new ContractDocuments(this.contracts);
    this.confirmations = new ContractConfirmations(this.contracts);
    this.reviews = new ExpertReviews(this.contracts);
    this.changes = new ContractChanges(this.contracts);
    const c = this.contracts;
    this.workload = new WorkloadService(db, { stations: () => c.stations(), stationsOf: (u) => c.stationsOf(u), calendar: () => c.calendar });
  }

  async mount(app: FastifyInstance): Promise<void> {
    await app.register(contractRoutes, { contracts: this.contracts, pdfFontPath: this.opts.pdfFontPath });
    await app.register(contractLifecycleRoutes, {
      contracts: this.contracts,
      documents: this.documents,
      confirmations: this.confirmations,
      reviews: this.reviews,
      changes: this.changes,
    });
    await app.register(workloadRoutes, { workload: this.workload });
  }
}
