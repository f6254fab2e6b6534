import { describe, expect, it } from 'vitest';
import { DEMO_CLASS_CODES, generateDemoInstruments } from '../../src/server/modules/instruments/demo.ts';
import { InstrumentInput } from '../../src/server/modules/instruments/schemas.ts';

const CLASSES = [
  'analytical',
  'physical',
  'metrology',
  'electronic',
  'marine',
  'geophysical',
  'atmospheric',
  'special_testing',
  'laser',
  'process',
  'computing',
  'astronomical',
  'medical',
  'nuclear',
  'other',
];
const owners = Array.from({ length: 40 }, (_, i) => ({
  id: i + 1,
  districtCode: i % 3 ? '500103' : null,
  address: i % 4 ? `重庆市渝中区民族路${i + 1}号` : null,
}));

describe('demo instruments', () => {
  const instruments = generateDemoInstruments(owners, 600, 7);

  it('is deterministic for a seed, and differs between seeds', () => {
    expect(generateDemoInstruments(owners, 600, 7)).toEqual(instruments);
    expect(generateDemoInstruments(owners, 600, 8)).not.toEqual(instruments);
  });

  it('gives records that InstrumentInput accepts unchanged, with their owners', () => {
    const ownerIds = new Set(owners.map((o) => o.id));
    for (const inst of instruments) {
      const parsed = InstrumentInput.safeParse(inst);
      expect(parsed.success, `${inst.name}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(parsed.data).toMatchObject(inst); // nothing trimmed away or replaced
      expect(ownerIds.has(inst.ownerOrgId)).toBe(true);
      expect(inst.priceInternalFen).toBeLessThanOrEqual(inst.priceExternalFen);
    }
  });

  it('covers the 15 classes and all three kinds', () => {
    expect([...DEMO_CLASS_CODES].sort()).toEqual([...CLASSES].sort());
    expect(new Set(generateDemoInstruments(owners, 15).map((i) => i.classCode))).toEqual(new Set(CLASSES));
    expect(new Set(instruments.map((i) => i.kind))).toEqual(new Set(['instrument', 'facility', 'compute']));
    const compute = instruments.filter((i) => i.kind === 'compute');
    expect(
      compute.every(
        (i) =>
          ['core_hour', 'gpu_hour', 'hour'].includes(i.priceUnit) && i.openingHours.every((d) => d.length === 1 && d[0][0] === '00:00' && d[0][1] === '24:00'),
      ),
    ).toBe(true);
    // most instruments are worth at least the 50万元 of the national sharing rules
    expect(instruments.filter((i) => (i.originalValueFen ?? 0) >= 50_000_000).length / instruments.length).toBeGreaterThan(0.85);
  });

  it('returns nothing without owners', () => {
    expect(generateDemoInstruments([], 10)).toEqual([]);
  });
});
