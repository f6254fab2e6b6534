/** CMA / CNAS accreditations as tags: a valid one green with its date, an expired one grey and marked 已过期. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Service } from '../api';

export default function Qualifications({ items }: { items: Service['qualifications'] }) {
  const { t } = useTranslation();
  return (
    <>
      {items.map((q) => (
        <Tag key={`${q.kind}-${q.number}`} color={q.valid ? 'green' : 'default'} data-valid={q.valid}>
          {q.kind} {q.number} · {q.valid ? t('svc.validTo', { date: q.validTo }) : `${t('svc.expired')} ${q.validTo}`}
        </Tag>
      ))}
    </>
  );
}
