/**
 * The registration stations (技术合同登记站) as reference data, owned by this module and written at boot when
 * missing (seedStations). The list is ILLUSTRATIVE: Chongqing runs 31 stations (000), but their exact names and
 * host organizations were not found, so these are plausible ones — one city station and thirty district stations,
 * the districts without a station of their own served by a neighbour (`serves`). Edit the list here (or the rows,
 * which the seed does not overwrite) when the real roster is known.
 */
export interface StationSeed {
  code: string;
  name: string;
  districtCode: string | null;
  /** divisions routed to this station besides its own district */
  alsoServes?: string[];
  hostOrg: string;
}

const d = (code: string, n: number, district: string, name: string, alsoServes?: string[]): StationSeed => ({
  code: `S${String(n).padStart(2, '0')}`,
  name: `重庆市${name}技术合同登记站`,
  districtCode: code,
  alsoServes,
  hostOrg: `${district}科学技术局（${name}生产力促进中心）`,
});

export const STATIONS: StationSeed[] = [
  { code: 'S01', name: '重庆市技术合同登记处（市级）', districtCode: null, hostOrg: '重庆市科学技术局（重庆市技术市场服务中心）' },
  d('500101', 2, '万州区', '万州区'),
  d('500102', 3, '涪陵区', '涪陵区', ['500230']),
  d('500103', 4, '渝中区', '渝中区'),
  d('500105', 5, '江北区', '江北区'),
  d('500106', 6, '沙坪坝区', '沙坪坝区'),
  d('500107', 7, '九龙坡区', '九龙坡区', ['500104']),
  d('500108', 8, '南岸区', '南岸区'),
  d('500109', 9, '北碚区', '北碚区'),
  d('500110', 10, '綦江区', '綦江区'),
  d('500111', 11, '大足区', '大足区'),
  d('500112', 12, '渝北区', '渝北区'),
  d('500113', 13, '巴南区', '巴南区'),
  d('500114', 14, '黔江区', '黔江区', ['500241', '500242', '500243']),
  d('500115', 15, '长寿区', '长寿区'),
  d('500116', 16, '江津区', '江津区'),
  d('500117', 17, '合川区', '合川区'),
  d('500118', 18, '永川区', '永川区'),
  d('500119', 19, '南川区', '南川区'),
  d('500120', 20, '璧山区', '璧山区'),
  d('500151', 21, '铜梁区', '铜梁区'),
  d('500152', 22, '潼南区', '潼南区'),
  d('500153', 23, '荣昌区', '荣昌区'),
  d('500154', 24, '开州区', '开州区', ['500229']),
  d('500155', 25, '梁平区', '梁平区'),
  d('500156', 26, '武隆区', '武隆区'),
  d('500231', 27, '垫江县', '垫江县'),
  d('500233', 28, '忠县', '忠县', ['500240']),
  d('500235', 29, '云阳县', '云阳县'),
  d('500236', 30, '奉节县', '奉节县', ['500237', '500238']),
  { code: 'S31', name: '重庆两江新区技术合同登记站', districtCode: '500199', hostOrg: '重庆两江新区科技创新局' },
];
