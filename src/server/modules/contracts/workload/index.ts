/** The stations' workload, a read of the contracts beside the register: mounted by the contracts module. */
import './messages.ts';

export { workloadRoutes } from './routes.ts';
export { WorkloadService } from './service.ts';
