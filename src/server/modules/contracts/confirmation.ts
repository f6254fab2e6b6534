/**
 * The buyer's confirmation (买方确认, issue 12 point 7). A buyer that is an organization on the platform answers the
 * submitted contract: it confirms the content, or disputes it with a reason — the contract is then `disputed`, so
 * expert review is required (30 working days from the same start). The station accepts only once the buyer answered;
 * a buyer not on the platform cannot answer here and is not waited for. A later edit or a new PDF clears the answer.
 */
import { conflict } from '../../platform/http/errors.ts';
import type { CurrentUser } from '../auth/index.ts';
import { addWorkingDays } from './calendar.ts';
import type { ContractService } from './service.ts';

export class ContractConfirmations {
  constructor(private readonly contracts: ContractService) {}

  async confirm(id: number, user: CurrentUser): Promise<void> {
    await this.contracts.step(id, user, 'confirm', async (c) => {
      if (c.buyerAnswer) throw conflict('contract.buyerAnswered');
      return { change: { buyerAnswer: { answer: 'confirmed', reason: null } }, detail: { answer: 'confirmed' }, event: 'contract.buyer_confirmed' };
    });
  }

  async dispute(id: number, reason: string, user: CurrentUser): Promise<void> {
    const { expertReviewDays } = this.contracts.opts;
    await this.contracts.step(id, user, 'dispute', async (c) => {
      if (c.buyerAnswer) throw conflict('contract.buyerAnswered');
      return {
        fields: { disputed: true },
        change: {
          buyerAnswer: { answer: 'disputed', reason },
          expertRequired: true,
          ...(c.clockStartedOn ? { deadline: addWorkingDays(c.clockStartedOn, expertReviewDays, this.contracts.calendar) } : {}),
        },
        detail: { answer: 'disputed', reason },
        event: 'contract.buyer_disputed',
      };
    });
  }
}
