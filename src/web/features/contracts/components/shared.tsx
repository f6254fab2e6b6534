/** Small pieces the contract pages share: the status tag, the deadline line. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Contract, ContractStatus } from '../api';

const COLORS: Record<ContractStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  needs_correction: 'orange',
  accepted: 'cyan',
  under_review: 'geekblue',
  expert_review: 'purple',
  registered: 'success',
  rejected: 'red',
  cancelled: 'default',
};

export function ContractStatusTag({ status }: { status: ContractStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="contract-status" data-status={status}>
      {t(`ctr.status.${status}`)}
    </Tag>
  );
}

/** 审查期限 and the working days left; red when overdue. */
export function Deadline({ c }: { c: Pick<Contract, 'deadline' | 'workingDaysLeft' | 'overdue'> }) {
  const { t } = useTranslation();
  if (!c.deadline) return null;
  return (
    <span data-testid="contract-deadline" data-deadline={c.deadline}>
      {t('ctr.deadline', { date: c.deadline })}
      {c.overdue ? (
        <Tag color="red" style={{ marginInlineStart: 8 }} data-testid="contract-overdue">
          {t('ctr.overdue')}
        </Tag>
      ) : (
        c.workingDaysLeft != null && ` · ${t('ctr.daysLeft', { n: c.workingDaysLeft })}`
      )}
    </span>
  );
}
