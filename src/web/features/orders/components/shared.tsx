/** Small pieces the order pages share: the status tag, money in 元. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { yuan } from '../../../lib/time';
import type { OrderStatus } from '../api';

const COLORS: Record<OrderStatus, string> = {
  requested: 'default',
  quoted: 'blue',
  confirmed: 'cyan',
  delivered: 'geekblue',
  accepted: 'green',
  disputed: 'orange',
  paid: 'success',
  cancelled: 'default',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid="order-status" data-status={status}>
      {t(`ord.status.${status}`)}
    </Tag>
  );
}

/** 12345 fen → ¥123.45 */
export const money = (fen: number) => yuan(fen);
