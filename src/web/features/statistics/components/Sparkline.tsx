/**
 * A trend in a table cell: the values by period as a small SVG line with its last point marked. A chart per row with
 * ECharts (the district map's library) would cost a canvas and its renderer each; a polyline is enough here. The
 * figures themselves are in the title (hover, screen readers) and in the workbook.
 */
interface Props {
  points: { period: string; value: number }[];
  label: string;
  width?: number;
  height?: number;
}

export default function Sparkline({ points, label, width = 96, height = 28 }: Props) {
  if (points.length < 2) return <span className="kft-meta">{points.length ? points[0].period : '—'}</span>;
  const values = points.map((p) => p.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = 3;
  const x = (i: number) => pad + (i * (width - 2 * pad)) / (points.length - 1);
  const y = (v: number) => (max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / (max - min));
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const last = points.at(-1)!;
  return (
    <svg
      className="kft-spark"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid="sparkline"
      data-points={points.length}
    >
      <title>{label}</title>
      <path d={d} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" />
      <circle cx={x(points.length - 1)} cy={y(last.value)} r={2.5} fill="currentColor" />
    </svg>
  );
}
