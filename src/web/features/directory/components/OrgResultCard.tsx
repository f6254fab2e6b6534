/** One organization in the directory's results: name, categories, district, recognitions and a short description */
import { Link } from 'react-router-dom';
import { Card, Tag, Typography } from 'antd';
import type { OrgList } from '../api';
import { useNames } from '../../../shell/context';

export default function OrgResultCard({ o }: { o: OrgList['items'][number] }) {
  const names = useNames();
  return (
    <Card key={o.id} size="small" className="kft-result" data-testid="org-card" data-district={o.districtCode ?? ''}>
      <h3 style={{ margin: '0 0 6px' }}>
        <Link to={`/orgs/${o.id}`} className="kft-result-name" data-testid="org-name">
          {o.name}
        </Link>
      </h3>
      <div className="kft-tags">
        {o.categories.map((c) => (
          <Tag key={c} color="blue">
            {names.category(c)}
          </Tag>
        ))}
        <Tag data-testid="org-district">{names.district(o.districtCode)}</Tag>
        {o.recognitions.map((r) => (
          <Tag key={r.kind + r.validFrom} className="kft-tag-rec">
            {names.recognition(r.kind)}
          </Tag>
        ))}
      </div>
      {o.description && (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 0' }} className="kft-meta">
          {o.description}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
