/**
 * What every business module shows app.ts: its name, the tables it owns (no other module's SQL names
 * them; `npm run check:boundaries` enforces it), one way to mount its routes, and, if it reacts to other
 * modules' events, its subscriptions. Each module's `index.ts` builds its face with `createX(deps)`;
 * the face also carries what other modules may use (services, SQL fragments of its tables).
 */
import type { FastifyInstance } from 'fastify';
import type { EventBus } from './events/outbox.ts';

export interface ModuleFace {
  readonly name: string;
  readonly tables: readonly string[];
  mount(app: FastifyInstance): Promise<void>;
  subscribe?(events: EventBus): void;
}
