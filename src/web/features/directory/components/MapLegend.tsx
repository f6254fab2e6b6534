/** The district map's legend: what the colours count, and the numbers each colour stands for */
export default function MapLegend({
  id,
  title,
  steps,
  colours,
  stepText,
}: {
  id: string;
  title: string;
  steps: [number, number][];
  colours: string[];
  stepText: (step: [number, number]) => string;
}) {
  return (
    <div className="kft-map-legend" data-testid="map-legend">
      <span id={`${id}-legend`}>{title}</span>
      <ul aria-labelledby={`${id}-legend`}>
        {steps.map((s, i) => (
          <li key={s.join('-')}>
            <span className="kft-map-swatch" style={{ background: colours[i] }} aria-hidden="true" />
            {stepText(s)}
          </li>
        ))}
      </ul>
    </div>
  );
}
