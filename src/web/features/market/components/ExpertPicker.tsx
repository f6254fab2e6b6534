import { useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { expertOptionsQuery } from '../api';

/** Experts to name as inventors (searched by name). */
export default function ExpertPicker({
  value,
  onChange,
  id,
  initial,
}: {
  value?: number[];
  onChange?: (v: number[]) => void;
  id?: string;
  initial: { id: number; name: string }[];
}) {
  const [q, setQ] = useState('');
  const { data: experts = [] } = useQuery(expertOptionsQuery(q));
  // the chosen experts keep the label they were first shown with, whatever the search finds now
  const labels = useRef(new Map(initial.map((x) => [x.id, x.name])));
  const found = experts.map((e) => ({ value: e.id, label: [e.name, e.affiliation].filter(Boolean).join(' · ') }));
  for (const o of found) if (!labels.current.has(o.value)) labels.current.set(o.value, o.label);
  const keep = (value ?? []).filter((v) => labels.current.has(v)).map((v) => ({ value: v, label: labels.current.get(v)! }));
  const options = [...keep, ...found.filter((f) => !keep.some((k) => k.value === f.value))];
  return <Select id={id} mode="multiple" showSearch={{ filterOption: false, onSearch: setQ }} value={value} onChange={onChange} options={options} />;
}
