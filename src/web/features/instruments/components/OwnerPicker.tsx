/** Admin's pick of the owning organisation: a searchable select over the directory */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgOptionsQuery } from '../../directory/api';

export default function OwnerPicker({ value, onChange, id }: { value?: number; onChange?: (v: number) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const { data: options = [] } = useQuery(orgOptionsQuery(q));
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      options={options}
      placeholder={t('common.ownerSearch')}
    />
  );
}
