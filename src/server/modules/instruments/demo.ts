/**
 * Deterministic generator of a shared-instrument catalogue (大型科研仪器开放共享目录) that reads like a
 * real one: names, models and manufacturers per class of the 15 national instrument classes
 * (imported and domestic makers), original values in fen (mostly above the 50万元 threshold of the
 * national sharing rules), purchase dates, prices (internal below external, some per sample, some
 * with an off-peak price outside 08:00–18:00), opening-hour templates, booking rules, contacts and
 * rooms. Pure: no database; the same owners, count and seed give the same catalogue, so demo pages
 * and benchmark figures are reproducible.
 */
import { rng } from '../directory/index.ts';
import type { InstrumentInput, InstrumentKind, PriceUnit } from './schemas.ts';

export type DemoInstrument = InstrumentInput & { ownerOrgId: number };
export interface DemoOwner {
  id: number;
  districtCode: string | null;
  address: string | null;
}

type Rng = ReturnType<typeof rng>;
type Week = [string, string][][];

interface Entry {
  name: string;
  /** [manufacturer, model]; an empty list means none (facilities built on site) */
  makes: [string, string][];
  /** original value range in 万元 (10,000 yuan) */
  value: [number, number];
  /** external price range in yuan per unit */
  price: [number, number];
  unit?: PriceUnit;
  kind?: InstrumentKind;
  hours?: keyof typeof HOURS;
  spec: string;
  cap: string;
  sample?: string;
}

// ------------------------------------------------------------------ the catalogue, per class

const CATALOGUE: Record<string, Entry[]> = {
  analytical: [
    {
      name: '场发射扫描电子显微镜',
      makes: [
        ['日立', 'SU8020'],
        ['日立', 'SU8010'],
        ['蔡司', 'Sigma 300'],
        ['蔡司', 'GeminiSEM 500'],
        ['赛默飞', 'Apreo 2 S'],
        ['日本电子', 'JSM-IT800'],
        ['国仪量子', 'SEM5000'],
      ],
      value: [180, 650],
      price: [300, 600],
      spec: '二次电子分辨率 0.8 nm@15 kV、1.3 nm@1 kV；加速电压 0.1–30 kV；放大倍数 20–2,000,000×；配牛津 Ultim Max 65 能谱仪及背散射电子探测器。',
      cap: '材料表面微观形貌观察、断口与失效分析、纳米颗粒与薄膜厚度测量、能谱(EDS)元素定性与半定量分析、元素面分布。',
      sample: '固体干燥样品，尺寸不超过 10 mm×10 mm×5 mm；粉末样品需分散良好；磁性样品需提前说明；不导电样品需喷金或喷碳处理。',
    },
    {
      name: '透射电子显微镜',
      makes: [
        ['日本电子', 'JEM-2100F'],
        ['赛默飞', 'Talos F200X'],
        ['日立', 'HT7800'],
        ['赛默飞', 'Talos L120C'],
      ],
      value: [600, 1800],
      price: [800, 1500],
      spec: '加速电压 200 kV；点分辨率 0.19 nm，线分辨率 0.10 nm；STEM-HAADF 分辨率 0.16 nm；配 Super-X 能谱及 CCD 相机。',
      cap: '纳米材料形貌与晶体结构表征、高分辨像、选区电子衍射、STEM 元素面分布、生物样品超微结构观察。',
      sample: '粉末样品超声分散后滴于铜网；块体样品需预先制成厚度小于 100 nm 的薄片或 FIB 制样；生物样品需完成固定、包埋和超薄切片。',
    },
    {
      name: 'X射线衍射仪',
      makes: [
        ['布鲁克', 'D8 Advance'],
        ['理学', 'SmartLab 9kW'],
        ['帕纳科', 'Empyrean'],
        ['岛津', 'XRD-7000'],
        ['丹东浩元', 'DX-2700BH'],
        ['布鲁克', 'D2 Phaser'],
      ],
      value: [45, 320],
      price: [100, 300],
      unit: 'sample',
      spec: 'Cu 靶，最大功率 3 kW；测角仪半径 ≥ 240 mm；2θ 范围 -3°–160°，角度重现性 ±0.0001°；配一维阵列探测器、高温附件和薄膜附件。',
      cap: '物相定性与定量分析、晶粒尺寸与微观应变、残余应力、织构测定、薄膜掠入射衍射(GIXRD)、Rietveld 全谱精修。',
      sample: '粉末样品不少于 0.5 g，粒度 200 目以下；块体样品测试面平整，尺寸不超过 30 mm×30 mm×10 mm。',
    },
    {
      name: '液相色谱-质谱联用仪',
      makes: [
        ['安捷伦', '6470B 三重四极杆'],
        ['赛默飞', 'Q Exactive Plus'],
        ['沃特世', 'Xevo TQ-S micro'],
        ['岛津', 'LCMS-8060NX'],
        ['SCIEX', 'Triple Quad 5500+'],
        ['天美', 'LCMS-9030'],
      ],
      value: [200, 560],
      price: [300, 800],
      unit: 'sample',
      spec: '电喷雾(ESI)与大气压化学电离(APCI)离子源；质量范围 m/z 5–2000；MRM 扫描速度 500 对/秒；配超高效液相色谱，耐压 130 MPa。',
      cap: '药物及代谢物定量、农兽药残留检测、环境新污染物筛查、天然产物成分鉴定、蛋白多肽分析。',
      sample: '液体样品经 0.22 μm 滤膜过滤，体积不少于 1 mL；请提供目标物名称、结构式及参考浓度；禁止含不挥发性盐的流动相。',
    },
    {
      name: '气相色谱-质谱联用仪',
      makes: [
        ['安捷伦', '8890-5977B'],
        ['岛津', 'GCMS-QP2020 NX'],
        ['赛默飞', 'ISQ 7610'],
        ['聚光科技', 'EXPEC 5231'],
        ['天美', 'GC7980-MS'],
      ],
      value: [60, 180],
      price: [200, 500],
      unit: 'sample',
      spec: 'EI 离子源，质量范围 m/z 1.5–1090；扫描速度 20,000 u/s；柱温箱室温+4 ℃–450 ℃；配顶空进样器和热脱附装置，NIST 20 谱库。',
      cap: '挥发性与半挥发性有机物定性定量、VOCs 与异味物质分析、香精香料成分分析、材料热解产物分析。',
      sample: '液体样品不少于 2 mL，固体样品不少于 5 g；请注明可能含有的溶剂和目标组分；强酸强碱样品需预处理。',
    },
    {
      name: '电感耦合等离子体质谱仪',
      makes: [
        ['安捷伦', '7900'],
        ['赛默飞', 'iCAP RQ'],
        ['珀金埃尔默', 'NexION 2000'],
        ['聚光科技', 'EXPEC 7000'],
        ['岛津', 'ICPMS-2030'],
      ],
      value: [120, 320],
      price: [150, 400],
      unit: 'sample',
      spec: '质量范围 2–260 amu；检出限 ppt 级；碰撞反应池(He 模式)消除多原子离子干扰；配自动进样器及激光剥蚀接口。',
      cap: '痕量与超痕量元素分析、重金属检测、稀土元素分析、同位素比值测定、单颗粒 ICP-MS。',
      sample: '液体样品需完成消解，酸度不超过 5%，总溶解固体小于 0.2%；固体样品请提供 0.5 g 以上并说明基体。',
    },
    {
      name: '电感耦合等离子体发射光谱仪',
      makes: [
        ['安捷伦', '5110'],
        ['赛默飞', 'iCAP PRO'],
        ['珀金埃尔默', 'Avio 500'],
        ['岛津', 'ICPE-9820'],
        ['聚光科技', 'ICP-5000'],
      ],
      value: [45, 130],
      price: [80, 200],
      unit: 'sample',
      spec: '波长范围 167–785 nm；垂直炬管双向观测；CCD 检测器，全谱同时测定；检出限 μg/L 级。',
      cap: '金属材料、土壤、水质、食品中多元素同时测定，主量与微量元素分析。',
      sample: '液体样品不少于 10 mL，已消解澄清；固体样品不少于 1 g。',
    },
    {
      name: '核磁共振波谱仪',
      makes: [
        ['布鲁克', 'AVANCE NEO 400 MHz'],
        ['布鲁克', 'AVANCE III HD 600 MHz'],
        ['日本电子', 'JNM-ECZ500R'],
        ['布鲁克', 'AVANCE NEO 500 MHz'],
      ],
      value: [300, 1200],
      price: [150, 600],
      spec: '超导磁体，配液氦零挥发系统；BBO 宽带探头及低温探头；变温范围 -150 ℃–150 ℃；支持一维、二维及固体魔角旋转实验。',
      cap: '有机化合物结构鉴定、纯度测定、定量核磁、二维谱(COSY、HSQC、HMBC、NOESY)、固体核磁。',
      sample: '溶液样品 5–20 mg，氘代溶剂自备或代购；固体样品 100 mg 以上；含顺磁性物质请提前说明。',
    },
    {
      name: '高效液相色谱仪',
      makes: [
        ['安捷伦', '1290 Infinity II'],
        ['岛津', 'Nexera LC-40'],
        ['沃特世', 'ACQUITY UPLC H-Class'],
        ['赛默飞', 'Vanquish Core'],
        ['天美', 'LC2130'],
        ['依利特', 'P1201'],
      ],
      value: [25, 90],
      price: [60, 200],
      spec: '四元梯度泵，压力上限 130 MPa；二极管阵列检测器(190–950 nm)、荧光及示差检测器；柱温箱 4–100 ℃。',
      cap: '药物含量与有关物质测定、食品添加剂检测、天然产物分离纯化方法开发。',
      sample: '样品经 0.45 μm 滤膜过滤，请提供色谱条件或参考标准方法。',
    },
    {
      name: '傅里叶变换红外光谱仪',
      makes: [
        ['赛默飞', 'Nicolet iS50'],
        ['布鲁克', 'INVENIO-R'],
        ['岛津', 'IRTracer-100'],
        ['珀金埃尔默', 'Spectrum 3'],
      ],
      value: [40, 160],
      price: [80, 200],
      unit: 'sample',
      spec: '光谱范围 7800–350 cm⁻¹，分辨率优于 0.09 cm⁻¹；配 ATR、漫反射附件及红外显微镜。',
      cap: '有机官能团鉴定、高分子材料成分分析、微区异物分析、气体在线分析。',
      sample: '固体、液体、粉末均可，样品量不少于 20 mg；含水样品需干燥。',
    },
    {
      name: '激光共聚焦显微拉曼光谱仪',
      makes: [
        ['雷尼绍', 'inVia Qontor'],
        ['堀场', 'LabRAM HR Evolution'],
        ['赛默飞', 'DXR3xi'],
        ['卓立汉光', 'Finder One'],
      ],
      value: [90, 420],
      price: [200, 400],
      spec: '激发波长 325/532/785 nm；光谱分辨率 ≤ 1 cm⁻¹；空间分辨率横向 ≤ 1 μm；配 EMCCD 与快速面扫描成像模块。',
      cap: '碳材料(石墨烯、碳纳米管)表征、矿物与宝石鉴定、半导体应力分析、聚合物成分成像。',
      sample: '样品表面平整，尺寸不超过 50 mm×50 mm；荧光较强的样品请提前沟通激发波长。',
    },
    {
      name: 'X射线光电子能谱仪',
      makes: [
        ['赛默飞', 'ESCALAB Xi+'],
        ['岛津', 'AXIS Supra+'],
        ['爱发科', 'PHI 5000 VersaProbe III'],
      ],
      value: [500, 950],
      price: [500, 1000],
      unit: 'sample',
      spec: '单色化 Al Kα X 射线源；能量分辨率 ≤ 0.45 eV；最小分析束斑 10 μm；配氩团簇离子枪深度剖析、紫外光电子能谱(UPS)。',
      cap: '材料表面元素组成与化学态分析、深度剖析、价带谱与功函数测定。',
      sample: '固体样品尺寸不超过 10 mm×10 mm×3 mm，粉末不少于 20 mg；样品需干燥、无挥发物、无磁性。',
    },
    {
      name: '原子吸收分光光度计',
      makes: [
        ['安捷伦', '240FS AA'],
        ['岛津', 'AA-7000'],
        ['北京普析', 'TAS-990'],
        ['天美', 'AA7020'],
      ],
      value: [18, 55],
      price: [50, 150],
      unit: 'sample',
      spec: '火焰与石墨炉一体化；波长范围 185–900 nm；氘灯与自吸扣背景；配氢化物发生器。',
      cap: '水质、土壤、食品中铅、镉、铜、锌等金属元素测定。',
      sample: '液体样品不少于 20 mL，固体样品不少于 2 g。',
    },
    {
      name: '全自动比表面积及孔隙度分析仪',
      makes: [
        ['麦克默瑞提克', 'ASAP 2460'],
        ['安东帕', 'Autosorb-iQ'],
        ['精微高博', 'JW-BK200C'],
        ['贝士德', '3H-2000PS2'],
      ],
      value: [35, 130],
      price: [150, 400],
      unit: 'sample',
      spec: '比表面积测量范围 0.0005 m²/g 起；孔径分析范围 0.35–500 nm；三站并行分析；配化学吸附模块。',
      cap: 'BET 比表面积、介孔与微孔孔径分布、总孔容、程序升温脱附(TPD)。',
      sample: '粉末或颗粒样品不少于 200 mg，需耐受 150 ℃ 以上脱气处理。',
    },
    {
      name: '同步热分析仪',
      makes: [
        ['耐驰', 'STA 449 F5'],
        ['梅特勒-托利多', 'TGA/DSC 3+'],
        ['TA仪器', 'SDT 650'],
        ['耐驰', 'STA 2500'],
      ],
      value: [45, 150],
      price: [150, 350],
      unit: 'sample',
      spec: '温度范围室温–1600 ℃；天平分辨率 0.1 μg；DSC 灵敏度 ≤ 1 μW；可联用红外或质谱进行逸出气分析。',
      cap: '热稳定性、分解温度、熔点与玻璃化转变、比热容测定、氧化诱导期。',
      sample: '样品 5–30 mg；不得含强腐蚀性或升华后污染坩埚的成分。',
    },
    {
      name: '离子色谱仪',
      makes: [
        ['赛默飞', 'Dionex ICS-6000'],
        ['瑞士万通', '930 Compact IC Flex'],
        ['青岛盛瀚', 'CIC-D160'],
      ],
      value: [30, 90],
      price: [80, 200],
      unit: 'sample',
      spec: '淋洗液自动发生器；电导与安培检测器；双系统同时分析阴阳离子。',
      cap: '水质中阴离子与阳离子、有机酸、糖类及高氯酸盐测定。',
      sample: '液体样品不少于 10 mL，经 0.22 μm 滤膜过滤。',
    },
    {
      name: '有机元素分析仪',
      makes: [
        ['德国元素', 'vario EL cube'],
        ['赛默飞', 'FlashSmart'],
      ],
      value: [50, 110],
      price: [100, 200],
      unit: 'sample',
      spec: 'CHNS/O 模式；检测范围 C 0.001–20 mg；精密度 ≤ 0.1% 绝对偏差。',
      cap: '有机化合物、煤炭、生物质中碳氢氮硫氧含量测定。',
      sample: '均匀干燥样品不少于 50 mg。',
    },
  ],
  physical: [
    {
      name: '电子万能材料试验机',
      makes: [
        ['英斯特朗', '5985'],
        ['岛津', 'AGX-V 100kN'],
        ['美特斯', 'CMT5305'],
        ['三思纵横', 'UTM5105X'],
        ['Zwick', 'Z100'],
      ],
      value: [30, 220],
      price: [150, 400],
      spec: '最大试验力 100 kN，力值精度 ±0.5%；横梁速度 0.001–1000 mm/min；配引伸计、高低温环境箱(-70 ℃–350 ℃)。',
      cap: '金属、塑料、复合材料、纺织品的拉伸、压缩、弯曲、剪切与剥离试验，符合 GB/T 228.1、ISO 527 等标准。',
      sample: '按相应标准加工试样，每组不少于 5 件，请提供尺寸及预计最大力值。',
    },
    {
      name: '电液伺服疲劳试验机',
      makes: [
        ['美特斯', 'Landmark 370.10'],
        ['英斯特朗', '8802'],
        ['长春机械科学研究院', 'PLD-250'],
        ['岛津', 'EHF-UV200k'],
      ],
      value: [150, 520],
      price: [200, 500],
      spec: '动态载荷 ±250 kN，频率 0.01–50 Hz；作动器行程 ±75 mm；配液压夹具与裂纹扩展测量系统。',
      cap: '高周与低周疲劳、断裂韧性、疲劳裂纹扩展速率、汽车零部件耐久试验。',
      sample: '试样需按 GB/T 3075 或客户图纸加工；长期试验请提前预约连续时段。',
    },
    {
      name: '综合物性测量系统',
      makes: [
        ['Quantum Design', 'PPMS DynaCool-9'],
        ['Quantum Design', 'PPMS DynaCool-14'],
      ],
      value: [400, 850],
      price: [300, 600],
      spec: '温度范围 1.8–400 K；磁场 ±9 T；无液氦运行；配电输运、比热、振动样品磁强计(VSM)及热输运选件。',
      cap: '电阻率与霍尔效应、磁化率与磁滞回线、比热、热导率及塞贝克系数测量。',
      sample: '块体或薄膜样品，尺寸不超过 5 mm×5 mm×1 mm；需提供电极制备要求。',
    },
    {
      name: '激光导热仪',
      makes: [
        ['耐驰', 'LFA 467 HyperFlash'],
        ['耐驰', 'LFA 457'],
        ['TA仪器', 'DXF-500'],
      ],
      value: [80, 200],
      price: [200, 400],
      unit: 'sample',
      spec: '温度范围 -100 ℃–1250 ℃；热扩散系数 0.01–2000 mm²/s；自动进样器最多 16 个样品。',
      cap: '材料热扩散系数、比热容及导热系数测定。',
      sample: '圆片试样直径 12.7 mm 或 25.4 mm，厚度 1–3 mm，两面平行。',
    },
    {
      name: '动态热机械分析仪',
      makes: [
        ['TA仪器', 'DMA 850'],
        ['耐驰', 'DMA 242 E'],
        ['梅特勒-托利多', 'DMA 1'],
      ],
      value: [50, 120],
      price: [150, 300],
      spec: '温度范围 -150 ℃–600 ℃；频率 0.01–200 Hz；多种夹具(三点弯曲、拉伸、剪切、单/双悬臂)。',
      cap: '储能模量、损耗模量与阻尼，玻璃化转变温度，蠕变与应力松弛。',
      sample: '条形试样约 35 mm×10 mm×2 mm。',
    },
    {
      name: '激光粒度分析仪',
      makes: [
        ['马尔文帕纳科', 'Mastersizer 3000'],
        ['新帕泰克', 'HELOS/RODOS'],
        ['丹东百特', 'Bettersize2600'],
      ],
      value: [30, 110],
      price: [80, 200],
      unit: 'sample',
      spec: '测量范围 0.01–3500 μm；干法与湿法分散；重复性误差 ≤ 0.5%。',
      cap: '粉体、乳液、悬浮液的粒度分布测量。',
      sample: '粉末不少于 5 g，液体样品不少于 50 mL。',
    },
    {
      name: '旋转流变仪',
      makes: [
        ['安东帕', 'MCR 302e'],
        ['TA仪器', 'DHR-2'],
        ['赛默飞', 'HAAKE MARS iQ'],
      ],
      value: [60, 150],
      price: [150, 300],
      spec: '扭矩范围 1 nN·m–230 mN·m；温度范围 -40 ℃–400 ℃；锥板、平行板、同轴圆筒夹具。',
      cap: '黏度曲线、触变性、黏弹性频率与温度扫描、固化过程监测。',
      sample: '液体或熔体样品不少于 5 mL。',
    },
    {
      name: '岩石力学三轴试验系统',
      makes: [
        ['美特斯', '815'],
        ['GCTS', 'RTR-2000'],
        ['长春朝阳试验仪器', 'TAW-2000'],
      ],
      value: [200, 600],
      price: [300, 600],
      spec: '轴向载荷 2000 kN；围压 140 MPa；孔隙水压 140 MPa；温度最高 200 ℃。',
      cap: '岩石单轴、三轴压缩，渗透率测定，蠕变试验，声发射监测。',
      sample: '标准圆柱试样 Φ50 mm×100 mm，两端面平整度 ±0.02 mm。',
    },
    {
      name: '摆锤冲击试验机',
      makes: [
        ['英斯特朗', 'MPX 450J'],
        ['Zwick', 'PSW 750'],
        ['时代试金', 'JBW-500'],
      ],
      value: [20, 80],
      price: [60, 150],
      unit: 'sample',
      spec: '冲击能量 450 J；配低温槽 -196 ℃–室温；示波冲击分析系统。',
      cap: '金属材料夏比冲击、韧脆转变温度测定。',
      sample: '标准 V 型或 U 型缺口试样 10 mm×10 mm×55 mm。',
    },
  ],
  metrology: [
    {
      name: '三坐标测量机',
      makes: [
        ['海克斯康', 'GLOBAL S 9.15.8'],
        ['蔡司', 'CONTURA 10/16/6'],
        ['三丰', 'CRYSTA-Apex V 9106'],
        ['思瑞测量', 'Croma 8106'],
        ['温泽', 'LH 108'],
      ],
      value: [60, 320],
      price: [200, 450],
      spec: '行程 900 mm×1500 mm×800 mm；空间测量误差 MPEE ≤ (1.5+L/333) μm；配扫描测头与旋转测座。',
      cap: '机械零部件尺寸与形位公差检测、首件检验、逆向工程点云采集、检测报告出具。',
      sample: '工件需清洁、去毛刺，提前 4 小时放入恒温测量室；请提供图纸及检测项目。',
    },
    {
      name: '激光跟踪仪',
      makes: [
        ['徕卡', 'AT960'],
        ['FARO', 'Vantage E6'],
        ['API', 'Radian Pro'],
      ],
      value: [120, 280],
      price: [300, 600],
      spec: '测量半径 80 m；空间测量精度 ±(15 μm+6 μm/m)；配 T-Probe 手持测头和 T-Scan 扫描仪。',
      cap: '大型工装、飞机与汽车装配检测，机床几何精度测量。',
      sample: '现场测量需提供场地条件说明。',
    },
    {
      name: '激光干涉仪',
      makes: [
        ['雷尼绍', 'XL-80'],
        ['是德科技', '5530'],
        ['中图仪器', 'SJ6000'],
      ],
      value: [30, 90],
      price: [150, 300],
      spec: '线性测量精度 ±0.5 ppm；分辨率 1 nm；动态采样频率 50 kHz。',
      cap: '数控机床定位精度、重复定位精度、直线度与垂直度检测。',
      sample: '机床现场检测，需停机配合。',
    },
    {
      name: '圆度仪',
      makes: [
        ['泰勒霍普森', 'Talyrond 595H'],
        ['三丰', 'RA-H5200'],
        ['哈量', 'Y9025'],
      ],
      value: [60, 180],
      price: [150, 300],
      spec: '主轴回转精度 (0.02+0.0003H) μm；立柱行程 500 mm。',
      cap: '圆度、圆柱度、同轴度、平面度、跳动测量。',
      sample: '工件直径不超过 350 mm，重量不超过 60 kg。',
    },
    {
      name: '白光干涉三维表面形貌仪',
      makes: [
        ['布鲁克', 'ContourX-500'],
        ['中图仪器', 'SuperView W1'],
        ['泽高', 'NewView 9000'],
      ],
      value: [80, 220],
      price: [200, 400],
      spec: '垂直分辨率 0.1 nm；扫描范围 10 mm；视场拼接；物镜 2.5×–50×。',
      cap: '表面粗糙度、台阶高度、微结构三维形貌测量。',
      sample: '样品表面反射率不低于 0.05%，尺寸不超过 150 mm×150 mm。',
    },
    {
      name: '温度校准系统',
      makes: [
        ['福禄克', '9190A + 1594A'],
        ['康斯特', 'ConST660'],
      ],
      value: [20, 60],
      price: [80, 200],
      spec: '温度范围 -95 ℃–1200 ℃；标准铂电阻测温，测量不确定度 0.006 ℃。',
      cap: '热电偶、热电阻、温度变送器及温度试验箱校准。',
      sample: '送校器具需附说明书。',
    },
  ],
  electronic: [
    {
      name: '矢量网络分析仪',
      makes: [
        ['是德科技', 'N5227B PNA'],
        ['罗德与施瓦茨', 'ZNA43'],
        ['中电科思仪', '3672E'],
        ['是德科技', 'E5080B'],
      ],
      value: [90, 420],
      price: [200, 500],
      spec: '频率范围 10 MHz–67 GHz；动态范围 ≥ 120 dB；四端口；支持噪声系数、混频器与脉冲测量选件。',
      cap: '射频与微波器件 S 参数测试、天线与滤波器测试、材料介电常数测量、在片测试。',
      sample: '被测件接口为 SMA、2.92 mm 或 1.85 mm；在片测试需提前确认探针规格。',
    },
    {
      name: '信号与频谱分析仪',
      makes: [
        ['是德科技', 'N9042B UXA'],
        ['罗德与施瓦茨', 'FSW43'],
        ['中电科思仪', '4082F'],
      ],
      value: [120, 380],
      price: [200, 450],
      spec: '频率范围 2 Hz–50 GHz；分析带宽 1 GHz；显示平均噪声电平 -165 dBm/Hz。',
      cap: '杂散与谐波测试、相位噪声测量、5G/WLAN 信号解调分析。',
      sample: '请提供被测件工作频段及输出功率。',
    },
    {
      name: '高速数字示波器',
      makes: [
        ['是德科技', 'UXR0334A'],
        ['泰克', 'MSO64B'],
        ['力科', 'WavePro HD'],
        ['普源精电', 'DS70504'],
      ],
      value: [40, 600],
      price: [100, 500],
      spec: '带宽 33 GHz，采样率 128 GSa/s；垂直分辨率 10 bit；配高速串行一致性测试软件。',
      cap: '高速串行总线(PCIe、USB、DDR)信号完整性与一致性测试、电源纹波测试。',
      sample: '测试夹具由委托方提供或提前定制。',
    },
    {
      name: '电磁兼容测试系统',
      makes: [
        ['罗德与施瓦茨', 'ESW26 + 10米法电波暗室'],
        ['是德科技', 'N9038B + 3米法电波暗室'],
        ['ETS-Lindgren', '3米法电波暗室'],
      ],
      value: [500, 3000],
      price: [800, 2000],
      kind: 'facility',
      hours: 'facility',
      spec: '10 米法半电波暗室，频率范围 30 MHz–18 GHz，归一化场地衰减 ±4 dB；配辐射发射、辐射抗扰度、传导与静电放电测试系统。',
      cap: '电子电气产品、汽车电子、医疗器械 EMC 预测试与整改，依据 GB/T 9254、GB/T 17626、CISPR 25 等标准。',
      sample: '受试设备及辅助设备由委托方提供，需附产品说明书和工作模式说明。',
    },
    {
      name: '半导体参数分析仪',
      makes: [
        ['是德科技', 'B1500A'],
        ['吉时利', '4200A-SCS'],
        ['普赛斯', 'CS1003'],
      ],
      value: [60, 200],
      price: [150, 350],
      spec: '电流分辨率 0.1 fA；电压 ±210 V；C-V 测量 1 kHz–5 MHz；脉冲 I-V 选件。',
      cap: '晶体管 I-V、C-V 特性，器件可靠性与击穿测试。',
      sample: '芯片或晶圆需配合探针台，提前确认焊盘尺寸。',
    },
    {
      name: '半自动探针台',
      makes: [
        ['FormFactor', 'CM300xi'],
        ['矽电', 'SEMISHARE X8'],
        ['MPI', 'TS2000-SE'],
      ],
      value: [80, 300],
      price: [200, 400],
      spec: '适用 8 英寸晶圆；温度范围 -60 ℃–300 ℃；屏蔽暗箱；射频探针座。',
      cap: '晶圆级电学参数测试、射频在片测试。',
      sample: '晶圆或裸芯片，需提供版图坐标。',
    },
  ],
  marine: [
    {
      name: '声学多普勒流速剖面仪',
      makes: [
        ['Teledyne RDI', 'WorkHorse 600kHz'],
        ['赛莱默', 'SonTek M9'],
        ['中海达', 'iFlow RP'],
      ],
      value: [40, 120],
      price: [200, 500],
      spec: '剖面范围 0.2–40 m；流速精度 ±0.25%±2 mm/s；内置罗经及倾斜传感器。',
      cap: '江河、水库流量与流速剖面测量，三峡库区水文调查。',
      sample: '野外作业需提前一周预约，并配备测船。',
    },
    {
      name: '多波束测深系统',
      makes: [
        ['Teledyne RESON', 'SeaBat T50-P'],
        ['中海达', 'iBeam 8120'],
        ['R2Sonic', '2024'],
      ],
      value: [200, 600],
      price: [500, 1000],
      spec: '工作频率 200–400 kHz；波束数 512；最大测深 500 m；配定位定向系统和声速剖面仪。',
      cap: '水下地形测绘、航道与库区淤积测量、水下结构物检测。',
      sample: '需委托方提供测区范围及工期要求。',
    },
    {
      name: '多参数水质监测仪',
      makes: [
        ['赛莱默', 'YSI EXO2'],
        ['Sea-Bird', 'SBE 25plus'],
        ['哈希', 'Hydrolab HL7'],
      ],
      value: [25, 80],
      price: [100, 250],
      spec: '温度、电导率、深度、溶解氧、pH、浊度、叶绿素等 7 参数同时测量；最大工作水深 250 m。',
      cap: '水体剖面监测与长期在线观测。',
      sample: '借用需具备野外操作经验。',
    },
  ],
  geophysical: [
    {
      name: '探地雷达',
      makes: [
        ['GSSI', 'SIR-4000'],
        ['MALÅ', 'ProEx'],
        ['中国电波传播研究所', 'LTD-2600'],
      ],
      value: [30, 120],
      price: [150, 400],
      spec: '配 100/400/900 MHz 天线；最大探测深度 30 m；采样点数 512–8192。',
      cap: '隧道衬砌检测、道路病害探测、地下管线与空洞探测、考古调查。',
      sample: '现场作业需提供测区图纸。',
    },
    {
      name: '高密度电法仪',
      makes: [
        ['重庆奔腾数控', 'WDJD-4'],
        ['ABEM', 'Terrameter LS 2'],
        ['IRIS', 'Syscal Pro'],
      ],
      value: [20, 90],
      price: [100, 300],
      spec: '电极数 120 道；最大供电电压 1000 V；测量精度 ±0.5%。',
      cap: '岩溶与采空区探测、地下水勘查、滑坡体结构探测。',
      sample: '野外测线需提前踏勘。',
    },
    {
      name: '分布式工程地震仪',
      makes: [
        ['Geometrics', 'Geode'],
        ['重庆地质仪器厂', 'DZQ48'],
        ['骄鹏', 'SE2404'],
      ],
      value: [40, 150],
      price: [150, 350],
      spec: '48 道，24 位 A/D；采样间隔 0.02–16 ms；支持折射、反射与面波勘探。',
      cap: '场地波速测试、基岩面探测、地质灾害调查。',
      sample: '需配合爆炸震源或落锤，作业需审批。',
    },
    {
      name: '地面三维激光扫描仪',
      makes: [
        ['徕卡', 'RTC360'],
        ['天宝', 'X7'],
        ['FARO', 'Focus Premium 350'],
      ],
      value: [50, 150],
      price: [200, 400],
      spec: '测距 0.5–350 m；扫描速率 200 万点/秒；3D 点精度 2.9 mm@20 m；自动拼接。',
      cap: '边坡与隧道变形监测、建筑与文物数字化、工程量测算。',
      sample: '外借需培训考核合格。',
    },
  ],
  atmospheric: [
    {
      name: '气溶胶激光雷达',
      makes: [
        ['无锡中科光电', 'AGHJ-I-LIDAR'],
        ['北京怡孚和融', 'EV-Lidar-CAM'],
        ['Leosphere', 'ALS 450'],
      ],
      value: [90, 300],
      price: [300, 600],
      spec: '532/1064 nm 双波长，偏振探测；探测高度 0.1–15 km；距离分辨率 7.5 m。',
      cap: '大气颗粒物垂直分布、边界层高度、沙尘与污染传输过程观测。',
      sample: '走航观测需提前协调车辆。',
    },
    {
      name: '扫描电迁移率粒径谱仪',
      makes: [
        ['TSI', 'SMPS 3938'],
        ['GRIMM', 'SMPS+C 5.420'],
      ],
      value: [80, 180],
      price: [200, 400],
      spec: '粒径范围 1–1000 nm；扫描时间 ≥ 10 s；配凝结核粒子计数器。',
      cap: '超细颗粒物数浓度与粒径分布、新粒子生成事件观测。',
      sample: '需提供采样点位及观测周期。',
    },
    {
      name: '大气挥发性有机物在线监测系统',
      makes: [
        ['聚光科技', 'AQMS-900VT'],
        ['天虹', 'TH-300B'],
        ['安捷伦', '8890 GC-FID/MS 在线系统'],
      ],
      value: [120, 300],
      price: [200, 450],
      spec: '可测 117 种 VOCs；时间分辨率 1 h；超低温冷阱预浓缩。',
      cap: 'PAMS/TO-15 组分在线观测、臭氧前体物来源解析。',
      sample: '站点观测需配合电力与网络条件。',
    },
    {
      name: '风廓线雷达',
      makes: [
        ['航天新气象', 'CFL-06'],
        ['中国电科38所', 'TWP8-L'],
      ],
      value: [200, 500],
      price: [400, 800],
      spec: '探测高度 0.1–8 km；高度分辨率 60/120 m；风速精度 ≤ 1.5 m/s。',
      cap: '边界层风场、垂直气流与湍流观测。',
      sample: '固定站点观测数据共享。',
    },
  ],
  special_testing: [
    {
      name: '工业CT',
      makes: [
        ['蔡司', 'METROTOM 1500'],
        ['依科视朗', 'FF35 CT'],
        ['三英精密', 'nanoVoxel-3000'],
        ['日联科技', 'CX7000'],
      ],
      value: [300, 1500],
      price: [500, 1200],
      spec: '225 kV 微焦点射线源，焦点尺寸 ≤ 3 μm；平板探测器 3000×3000 像素；最大样品直径 500 mm、高度 1000 mm；体素尺寸 0.5 μm 起。',
      cap: '铸件、焊接件内部缺陷无损检测，复合材料孔隙率分析，增材制造零件尺寸测量，电子元器件失效分析。',
      sample: '样品重量不超过 50 kg；请提供材质、尺寸和关注部位。',
    },
    {
      name: '超声相控阵检测仪',
      makes: [
        ['奥林巴斯', 'OmniScan X3'],
        ['汕头超声', 'SyncScan 2'],
        ['中科创新', 'HS PA20-Ae'],
      ],
      value: [30, 90],
      price: [150, 300],
      spec: '64/128 阵元；支持 TFM 全聚焦成像与 TOFD；扫查器与编码器齐全。',
      cap: '焊缝、管道、压力容器、复合材料内部缺陷检测。',
      sample: '现场检测需提供工件图纸及材质。',
    },
    {
      name: '红外热像仪',
      makes: [
        ['FLIR', 'T1020'],
        ['高德红外', 'MAG62'],
        ['InfraTec', 'ImageIR 9400'],
      ],
      value: [20, 120],
      price: [100, 300],
      spec: '分辨率 1024×768；热灵敏度 ≤ 20 mK；测温范围 -40 ℃–2000 ℃。',
      cap: '电子器件热分布、建筑节能检测、复合材料锁相热成像无损检测。',
      sample: '外借需培训。',
    },
    {
      name: 'X射线实时成像检测系统',
      makes: [
        ['日联科技', 'AX9100'],
        ['依科视朗', 'Cougar EVO'],
        ['丹东华日', 'HRX-2000'],
      ],
      value: [60, 220],
      price: [200, 400],
      spec: '160 kV 开放式射线管；几何放大倍数 2000×；倾斜角 70°。',
      cap: '电子元器件与 PCB 焊点检测、铸件内部缺陷快速检查。',
      sample: '样品尺寸不超过 400 mm×400 mm。',
    },
  ],
  laser: [
    {
      name: '飞秒激光放大器',
      makes: [
        ['相干', 'Astrella'],
        ['光谱物理', 'Spitfire Ace'],
        ['Light Conversion', 'PHAROS'],
      ],
      value: [200, 700],
      price: [400, 900],
      spec: '中心波长 800 nm；脉宽 < 35 fs；单脉冲能量 7 mJ；重复频率 1 kHz；配光学参量放大器(OPA)。',
      cap: '超快光谱、飞秒激光微纳加工、非线性光学研究。',
      sample: '需经激光安全培训，自备或预约光路搭建时间。',
    },
    {
      name: '高功率光纤激光加工系统',
      makes: [
        ['锐科激光', 'RFL-C6000'],
        ['IPG', 'YLS-10000'],
        ['创鑫激光', 'MFSC-6000'],
      ],
      value: [60, 300],
      price: [300, 600],
      spec: '最大输出功率 6 kW；光束质量 BPP ≤ 2.0；配六轴机器人及焊接、熔覆头。',
      cap: '金属激光焊接、切割、熔覆与表面强化工艺开发。',
      sample: '工件材质与厚度需提前确认。',
    },
    {
      name: '皮秒激光微加工系统',
      makes: [
        ['大族激光', 'PicoMaster'],
        ['通快', 'TruMicro 5080'],
        ['华工激光', 'LPS-3050'],
      ],
      value: [80, 260],
      price: [250, 500],
      spec: '波长 1064/532/355 nm；脉宽 < 10 ps；振镜扫描与五轴平台；定位精度 ±2 μm。',
      cap: '脆性材料切割钻孔、薄膜刻蚀、微结构加工。',
      sample: '提供加工图形 DXF 文件。',
    },
    {
      name: '可调谐钛宝石激光器',
      makes: [
        ['相干', 'Chameleon Ultra II'],
        ['光谱物理', 'Mai Tai HP'],
      ],
      value: [150, 350],
      price: [300, 600],
      spec: '调谐范围 680–1080 nm；平均功率 3.3 W；脉宽 140 fs。',
      cap: '双光子显微成像、时间分辨光谱。',
      sample: '需经激光安全培训。',
    },
  ],
  process: [
    {
      name: '生物医药中试车间',
      makes: [],
      value: [800, 3000],
      price: [1500, 4000],
      kind: 'facility',
      hours: 'facility',
      spec: 'GMP 洁净车间 1200 m²，C 级背景下 A 级操作区；200 L/500 L 生物反应器、层析纯化系统、超滤系统、冻干机。',
      cap: '抗体与重组蛋白工艺放大、临床样品制备、工艺验证批生产。',
      sample: '需签订保密与技术服务协议，提交工艺资料并经评估。',
    },
    {
      name: '新材料中试车间',
      makes: [],
      value: [500, 2000],
      price: [1000, 3000],
      kind: 'facility',
      hours: 'facility',
      spec: '中试厂房 2000 m²；配反应釜(50–2000 L)、喷雾干燥塔、连续挤出生产线及检测室。',
      cap: '高分子与复合材料配方放大、中试样品批量制备、工艺包开发。',
      sample: '需提交物料安全技术说明书(MSDS)并通过安全评估。',
    },
    {
      name: '金属3D打印机',
      makes: [
        ['铂力特', 'BLT-S310'],
        ['EOS', 'M 290'],
        ['华曙高科', 'FS271M'],
        ['易加三维', 'EP-M260'],
      ],
      value: [150, 600],
      price: [400, 800],
      spec: '成形尺寸 250 mm×250 mm×400 mm；激光功率 500 W；层厚 20–100 μm；支持钛合金、铝合金、高温合金、不锈钢粉末。',
      cap: '复杂金属零件增材制造、工艺参数开发、随形冷却模具制造。',
      sample: '提供 STL 模型，粉末可自备或由平台提供。',
    },
    {
      name: '磁控溅射镀膜系统',
      makes: [
        ['沈阳科仪', 'JGP-560'],
        ['北京泰科诺', 'JCP-500'],
        ['爱发科', 'SIH-450'],
      ],
      value: [60, 250],
      price: [200, 400],
      spec: '极限真空 5×10⁻⁵ Pa；3 个磁控靶位(直流/射频)；基片加热 800 ℃；膜厚均匀性 ±3%。',
      cap: '金属、氧化物、氮化物薄膜制备。',
      sample: '基片尺寸不超过 4 英寸，靶材自备需提前确认。',
    },
    {
      name: '步入式高低温湿热试验室',
      makes: [
        ['爱斯佩克', 'EWP-24'],
        ['重庆哈丁', 'HT/GDS-20'],
        ['重庆银河试验仪器', 'BRS-30'],
      ],
      value: [40, 200],
      price: [150, 350],
      hours: 'extended',
      spec: '温度范围 -70 ℃–150 ℃；湿度范围 20%–98% RH；内部容积 24 m³；温变速率 5 ℃/min。',
      cap: '整车零部件与电子产品高低温、湿热、温度循环可靠性试验。',
      sample: '试验件需提供额定参数与试验大纲。',
    },
    {
      name: '电动振动试验系统',
      makes: [
        ['苏试试验', 'DC-6000'],
        ['苏州东菱', 'ES-50'],
        ['IMV', 'A30'],
      ],
      value: [60, 300],
      price: [200, 450],
      hours: 'extended',
      spec: '额定正弦推力 60 kN；频率范围 5–2500 Hz；配水平滑台与三综合试验箱。',
      cap: '正弦、随机、冲击振动试验及温湿度振动三综合试验。',
      sample: '需提供夹具或提前设计夹具。',
    },
    {
      name: '等离子体增强化学气相沉积系统',
      makes: [
        ['牛津仪器', 'PlasmaPro 100'],
        ['北方华创', 'NMC612'],
      ],
      value: [200, 600],
      price: [300, 600],
      spec: '适用 4–8 英寸晶圆；射频功率 300 W；沉积温度 ≤ 400 ℃；SiNx、SiO₂ 工艺。',
      cap: '介质薄膜沉积、钝化层制备。',
      sample: '需经超净间培训。',
    },
    {
      name: '紫外光刻机',
      makes: [
        ['SUSS', 'MA6 Gen4'],
        ['中国电科45所', 'BG-401A'],
      ],
      value: [100, 400],
      price: [200, 400],
      spec: '曝光波长 365 nm；分辨率 ≤ 0.8 μm；套刻精度 ±0.5 μm；适用 6 英寸以下基片。',
      cap: '微纳结构光刻、MEMS 器件与微流控芯片制备。',
      sample: '需经超净间培训，光刻胶按平台目录使用。',
    },
  ],
  computing: [
    {
      name: '高性能计算集群',
      makes: [
        ['中科曙光', 'TC6600'],
        ['浪潮', 'NF5280M6 集群'],
        ['华为', 'FusionServer 2288H V6 集群'],
        ['联想', 'ThinkSystem SD650'],
      ],
      value: [500, 3000],
      price: [0.04, 0.12],
      unit: 'core_hour',
      kind: 'compute',
      hours: 'always',
      spec: 'CPU 计算节点 160 个(每节点 2×64 核，512 GB 内存)；100 Gb/s InfiniBand 互连；并行存储 2 PB；Slurm 作业调度。',
      cap: '计算流体力学、分子动力学、有限元分析、气象与材料模拟等大规模并行计算；预装 VASP、LAMMPS、OpenFOAM、ANSYS 等软件(需自备许可)。',
      sample: '以核时计费，提交作业前需开通账号并签署安全使用承诺书。',
    },
    {
      name: 'GPU人工智能计算平台',
      makes: [
        ['英伟达', 'DGX A100'],
        ['浪潮', 'NF5688M6 (8×A800)'],
        ['华为', 'Atlas 800 训练服务器'],
        ['新华三', 'R5500 G5'],
      ],
      value: [300, 2000],
      price: [6, 18],
      unit: 'gpu_hour',
      kind: 'compute',
      hours: 'always',
      spec: 'GPU 节点 16 个(每节点 8 卡，单卡 80 GB 显存)；NVLink 与 200 Gb/s RDMA 网络；容器化作业调度。',
      cap: '大模型训练与微调、计算机视觉、药物分子生成、自动驾驶仿真等深度学习任务。',
      sample: '以卡时计费；数据需脱敏，禁止处理涉密数据。',
    },
    {
      name: '大容量数据存储与可视化系统',
      makes: [
        ['华为', 'OceanStor 5510'],
        ['中科曙光', 'ParaStor'],
        ['浪潮', 'AS13000'],
      ],
      value: [80, 400],
      price: [20, 60],
      hours: 'always',
      kind: 'compute',
      spec: '可用容量 3 PB；并发带宽 40 GB/s；配 4K 拼接可视化墙与远程可视化节点。',
      cap: '科学数据存储、备份与大规模数据可视化。',
      sample: '按小时使用可视化节点。',
    },
  ],
  astronomical: [
    {
      name: '光学天文望远镜',
      makes: [
        ['南京天文光学技术研究所', '1米光学望远镜'],
        ['PlaneWave', 'CDK700'],
        ['南京中科天文仪器', 'ZK-600'],
      ],
      value: [200, 900],
      price: [300, 800],
      hours: 'night',
      spec: '口径 0.6–1 m；地平式机架；配 CCD 相机及 UBVRI 滤光片组；指向精度 ≤ 5″。',
      cap: '变星测光、小行星与空间碎片观测、天文科普观测。',
      sample: '观测计划需提前提交，受天气影响可顺延。',
    },
    {
      name: '太阳光谱成像仪',
      makes: [
        ['南京天文光学技术研究所', 'SSI-200'],
        ['中科院云南天文台', 'NVST 配套光谱仪'],
      ],
      value: [120, 400],
      price: [200, 500],
      spec: '光谱分辨率 0.01 nm；成像视场 3′×3′；自适应光学校正。',
      cap: '太阳活动区光谱与磁场观测。',
      sample: '观测时段需提前协调。',
    },
  ],
  medical: [
    {
      name: '流式细胞仪',
      makes: [
        ['BD', 'FACSCanto II'],
        ['贝克曼库尔特', 'CytoFLEX S'],
        ['赛默飞', 'Attune NxT'],
        ['BD', 'FACSCelesta'],
      ],
      value: [80, 260],
      price: [150, 350],
      spec: '3 激光 10 色检测；荧光灵敏度 ≤ 80 MESF；最大获取速度 35,000 个细胞/秒；配 96 孔板自动上样。',
      cap: '细胞表型分析、细胞周期与凋亡检测、细胞因子多重检测、微球与微生物分析。',
      sample: '单细胞悬液，浓度 1×10⁶ 个/mL，需过 300 目筛网；活性样品需提前说明生物安全等级。',
    },
    {
      name: '流式细胞分选仪',
      makes: [
        ['BD', 'FACSAria III'],
        ['贝克曼库尔特', 'MoFlo Astrios EQ'],
        ['索尼', 'MA900'],
      ],
      value: [300, 650],
      price: [400, 800],
      spec: '4 激光 18 色；四路分选，纯度 ≥ 98%；分选速度 25,000 个细胞/秒；生物安全柜保护。',
      cap: '稀有细胞分选、单细胞分选至 96 孔板、干细胞与肿瘤细胞亚群纯化。',
      sample: '需提前 2 天提交实验方案，样品需无菌。',
    },
    {
      name: '激光扫描共聚焦显微镜',
      makes: [
        ['蔡司', 'LSM 980'],
        ['徕卡', 'STELLARIS 5'],
        ['尼康', 'AX R'],
        ['奥林巴斯', 'FV3000'],
      ],
      value: [180, 700],
      price: [200, 450],
      spec: '405/488/561/640 nm 激光；光谱检测器 34 通道；共振扫描 30 帧/秒；配活细胞培养系统与超分辨模块。',
      cap: '多色荧光成像、三维重构、活细胞长时程成像、FRAP 与 FRET 分析。',
      sample: '固定或活细胞样品，玻底培养皿或载玻片；荧光染料需与激发波长匹配。',
    },
    {
      name: '实时荧光定量PCR仪',
      makes: [
        ['赛默飞', 'QuantStudio 5'],
        ['罗氏', 'LightCycler 480 II'],
        ['伯乐', 'CFX96 Touch'],
        ['宏石医疗', 'SLAN-96P'],
      ],
      value: [20, 60],
      price: [50, 150],
      spec: '96 孔；5 色荧光通道；温度均一性 ±0.25 ℃；升降温速率 6 ℃/s。',
      cap: '基因表达定量、病原体检测、SNP 分型、高分辨熔解曲线分析。',
      sample: '试剂自备，按标准 96 孔板加样。',
    },
    {
      name: '小动物活体成像系统',
      makes: [
        ['珀金埃尔默', 'IVIS Spectrum'],
        ['布鲁克', 'In-Vivo Xtreme II'],
        ['LI-COR', 'Pearl Trilogy'],
      ],
      value: [150, 400],
      price: [300, 600],
      spec: '生物发光与荧光二维、三维断层成像；CCD -90 ℃ 制冷；配气体麻醉系统。',
      cap: '肿瘤生长与转移监测、药物分布与代谢、基因表达示踪。',
      sample: '动物实验需通过伦理审查并符合 SPF 级饲养要求。',
    },
    {
      name: '高通量基因测序仪',
      makes: [
        ['Illumina', 'NovaSeq 6000'],
        ['华大智造', 'DNBSEQ-T7'],
        ['华大智造', 'MGISEQ-2000'],
        ['Illumina', 'NextSeq 2000'],
      ],
      value: [300, 1200],
      price: [500, 2000],
      unit: 'sample',
      spec: '单次运行通量最高 6 Tb；读长 PE150；Q30 ≥ 85%；配自动化文库制备工作站。',
      cap: '全基因组重测序、转录组测序、宏基因组与单细胞测序。',
      sample: 'DNA 总量不少于 1 μg，OD260/280 在 1.8–2.0；RNA 的 RIN 值 ≥ 7。',
    },
    {
      name: '超速离心机',
      makes: [
        ['贝克曼库尔特', 'Optima XPN-100'],
        ['日立', 'CP100NX'],
      ],
      value: [60, 150],
      price: [80, 200],
      spec: '最高转速 100,000 rpm；最大离心力 802,000×g；配水平与角转头。',
      cap: '病毒、外泌体与亚细胞组分分离纯化、密度梯度离心。',
      sample: '离心管需配平，生物样品需注明安全等级。',
    },
    {
      name: '多功能酶标仪',
      makes: [
        ['伯腾', 'Synergy H1'],
        ['帝肯', 'Spark'],
        ['美谷分子', 'SpectraMax i3x'],
      ],
      value: [25, 80],
      price: [50, 120],
      spec: '吸光度 230–999 nm、荧光、化学发光及时间分辨荧光；6–384 孔板；温控 45 ℃ 及振荡。',
      cap: 'ELISA、细胞活力、酶动力学、报告基因检测。',
      sample: '自备微孔板及试剂。',
    },
    {
      name: '冷冻透射电子显微镜',
      makes: [
        ['赛默飞', 'Titan Krios G4'],
        ['赛默飞', 'Glacios 2'],
        ['日本电子', 'CRYO ARM 300 II'],
      ],
      value: [2500, 6000],
      price: [2000, 4000],
      spec: '加速电压 300 kV；冷场发射电子枪；Falcon 4i 直接电子探测器与能量过滤器；自动上样 12 个样品。',
      cap: '蛋白质及复合物高分辨结构解析、冷冻电子断层成像。',
      sample: '需先完成负染与冷冻制样筛选，提交样品纯度和浓度报告。',
    },
  ],
  nuclear: [
    {
      name: '高纯锗γ能谱仪',
      makes: [
        ['Mirion(堪培拉)', 'GC4020'],
        ['ORTEC', 'GEM-C50'],
        ['北京核仪器厂', 'BH1936'],
      ],
      value: [50, 150],
      price: [200, 400],
      unit: 'sample',
      spec: '相对探测效率 40%；能量分辨率 1.8 keV@1.33 MeV；低本底铅室；液氮或电制冷。',
      cap: '环境与食品样品中放射性核素分析、建材放射性检测。',
      sample: '样品装入标准样品盒，固体不少于 300 g，需密封 3 周达到平衡。',
    },
    {
      name: '低本底α/β测量仪',
      makes: [
        ['Mirion(堪培拉)', 'iMatic'],
        ['中核控制', 'BH1227'],
        ['ORTEC', 'MPC-9604'],
      ],
      value: [30, 90],
      price: [150, 300],
      unit: 'sample',
      spec: '4 路独立探测；α 本底 ≤ 0.1 cpm，β 本底 ≤ 1 cpm。',
      cap: '水、土壤、生物样品总 α、总 β 放射性测量。',
      sample: '水样不少于 5 L，经预处理。',
    },
    {
      name: '液体闪烁计数器',
      makes: [
        ['珀金埃尔默', 'Tri-Carb 4910TR'],
        ['日立', 'LSC-8000'],
        ['HIDEX', '300 SL'],
      ],
      value: [40, 120],
      price: [100, 250],
      unit: 'sample',
      spec: '氚计数效率 ≥ 60%；14C 计数效率 ≥ 95%；样品容量 408 瓶。',
      cap: '氚、碳-14 等低能 β 核素测量，放射性示踪实验。',
      sample: '样品与闪烁液混匀后装入 20 mL 计数瓶。',
    },
  ],
  other: [
    {
      name: '全消声室',
      makes: [
        ['ETS-Lindgren', '全消声室'],
        ['北京声望', 'BSWA 全消声室'],
      ],
      value: [300, 1200],
      price: [500, 1200],
      kind: 'facility',
      hours: 'facility',
      spec: '自由场空间 8 m×6 m×5 m；截止频率 63 Hz；背景噪声 ≤ 15 dB(A)；配 64 通道声学采集系统与声学照相机。',
      cap: '产品声功率、噪声源识别、扬声器与麦克风性能测试。',
      sample: '被测产品需提前进场调试。',
    },
    {
      name: '汽车排放测试系统',
      makes: [
        ['堀场', 'MEXA-ONE'],
        ['AVL', 'AMA i60'],
        ['佛山分析仪', 'FGA-4100'],
      ],
      value: [300, 1000],
      price: [800, 1800],
      kind: 'facility',
      hours: 'extended',
      spec: '四驱底盘测功机，最高车速 200 km/h；稀释采样系统(CVS)；常规气体及颗粒物数量(PN)测量；环境舱 -7 ℃–40 ℃。',
      cap: '轻型汽车国六排放试验、能耗与续航里程测试、标定开发。',
      sample: '试验车辆需提前 3 天进场预处理。',
    },
    {
      name: '低速风洞',
      makes: [
        ['中国空气动力研究与发展中心', '回流式低速风洞'],
        ['西北工业大学', 'NF-3 配套系统'],
      ],
      value: [800, 3000],
      price: [2000, 5000],
      kind: 'facility',
      hours: 'facility',
      spec: '试验段 3 m×2.5 m；风速 3–80 m/s；湍流度 ≤ 0.1%；配六分量天平与 PIV 流场测量系统。',
      cap: '建筑与桥梁风荷载、车辆与无人机气动特性、风环境评估试验。',
      sample: '试验模型需满足相似准则，提前提交试验大纲。',
    },
    {
      name: '无人机航测系统',
      makes: [
        ['大疆', 'M350 RTK + 禅思 P1'],
        ['纵横股份', 'CW-25E'],
        ['飞马机器人', 'D2000'],
      ],
      value: [20, 120],
      price: [150, 400],
      spec: '4500 万像素全画幅相机；激光雷达模块；RTK/PPK 厘米级定位；续航 55 min。',
      cap: '地形测绘、倾斜摄影三维建模、农林与地质灾害巡查。',
      sample: '飞行需取得空域审批，操作人员需持证。',
    },
  ],
};

/** How common each class is in a regional catalogue (analytical instruments dominate). */
const CLASS_WEIGHTS: [string, number][] = [
  ['analytical', 34],
  ['physical', 13],
  ['medical', 12],
  ['electronic', 8],
  ['process', 7],
  ['metrology', 5],
  ['special_testing', 5],
  ['computing', 3],
  ['laser', 3],
  ['geophysical', 2.5],
  ['atmospheric', 2],
  ['other', 2.5],
  ['nuclear', 1.5],
  ['marine', 1],
  ['astronomical', 0.5],
];

// ------------------------------------------------------------------ opening hours, people, places

const WEEKDAY_STANDARD: [string, string][] = [
  ['08:30', '12:00'],
  ['13:30', '17:30'],
];
const HOURS = {
  standard: () => [...Array(5).fill(WEEKDAY_STANDARD), [], []] as Week,
  saturday: () => [...Array(5).fill(WEEKDAY_STANDARD), [['09:00', '12:00']], []] as Week,
  winter: () =>
    [
      ...Array(5).fill([
        ['09:00', '12:00'],
        ['14:00', '17:30'],
      ]),
      [],
      [],
    ] as Week,
  extended: () => [...Array(5).fill([['08:00', '22:00']]), [['09:00', '17:00']], []] as Week,
  facility: () => [...Array(6).fill([['08:00', '20:00']]), []] as Week,
  always: () => Array(7).fill([['00:00', '24:00']]) as Week,
  night: () => Array(7).fill([['19:00', '24:00']]) as Week,
};

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '胡',
  '朱',
  '郭',
  '何',
  '罗',
  '高',
  '林',
  '谭',
  '冉',
  '向',
  '唐',
  '蒋',
];
const GIVEN = [
  '伟',
  '芳',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '晓燕',
  '建华',
  '志强',
  '晓东',
  '丽',
  '俊',
  '婷',
  '海波',
  '红梅',
];
const BUILDINGS = ['A栋', 'B栋', 'C栋', '实验楼', '分析测试中心', '综合楼', '研发楼', '1号楼', '2号楼', '科技楼', '测试大楼'];
const QUALIFIERS = ['', '', '', '', '', '高分辨', '全自动', '智能'];
const QUALIFIABLE = /光谱|色谱|显微镜|分析仪|试验机|测量仪|计数器/;

function weighted<T>(r: Rng, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return items[items.length - 1][0];
}

/** Rounds yuan to a price people would write (whole 10 yuan above 100, whole yuan above 1, cents below). */
function priceFen(yuan: number): number {
  if (yuan >= 100) return Math.round(yuan / 10) * 1000;
  if (yuan >= 1) return Math.round(yuan) * 100;
  return Math.max(1, Math.round(yuan * 100));
}

/** Owners skewed like a real catalogue: a few universities and institutes hold most instruments. */
function ownerPicker(r: Rng, owners: DemoOwner[]): () => DemoOwner {
  const weights = owners.map((o, i) => [o, 1 / (i + 1) ** 0.8 + 0.02 * r.next()] as [DemoOwner, number]);
  // shuffle the weights so the biggest owners are not always the first ids
  for (let i = weights.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [weights[i][1], weights[j][1]] = [weights[j][1], weights[i][1]];
  }
  return () => weighted(r, weights);
}

export function generateDemoInstruments(owners: DemoOwner[], count: number, seed = 1): DemoInstrument[] {
  if (!owners.length || count <= 0) return [];
  const r = rng(seed);
  const pickOwner = ownerPicker(r, owners);
  const out: DemoInstrument[] = [];
  const classes = Object.keys(CATALOGUE);
  for (let i = 0; i < count; i++) {
    // the first instruments cover every class, so even a small demo shows them all
    const classCode = i < classes.length ? classes[i] : weighted(r, CLASS_WEIGHTS);
    const e = r.pick(CATALOGUE[classCode]);
    const owner = pickOwner();
    const kind: InstrumentKind = e.kind ?? 'instrument';
    // per-sample instruments are charged by the hour at some owners
    const unit: PriceUnit = e.unit === 'sample' && r.chance(0.25) ? 'hour' : (e.unit ?? 'hour');
    const [maker, model] = e.makes.length ? r.pick(e.makes) : [null, null];
    const qualifier = kind === 'instrument' && QUALIFIABLE.test(e.name) ? r.pick(QUALIFIERS) : '';
    const name = qualifier && !e.name.startsWith(qualifier) ? qualifier + e.name : e.name;

    // value: mostly at or above the 50万元 threshold, some smaller instruments below it
    let valueWan = e.value[0] + (e.value[1] - e.value[0]) * r.next() ** 1.6;
    if (valueWan < 50 && r.chance(0.5)) valueWan = 50 + r.next() * 30;
    const originalValueFen = Math.round(valueWan * 100) * 10_000; // whole hundreds of yuan
    const year = r.chance(0.2) ? r.int(2008, 2014) : r.int(2015, 2025);
    const purchaseDate = `${year}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;

    // prices: external within the entry's range, internal at 40–80 % of it
    const externalYuan = e.price[0] + (e.price[1] - e.price[0]) * r.next();
    const priceExternalFen = priceFen(externalYuan);
    const priceInternalFen = Math.min(priceExternalFen, priceFen(externalYuan * (0.4 + 0.4 * r.next())));
    const timePriced = unit !== 'sample';
    const offPeak = timePriced && kind !== 'facility' && r.chance(unit === 'hour' ? 0.15 : 0.35);
    const offPeakPriceFen = offPeak ? priceFen(externalYuan * (0.5 + 0.2 * r.next())) : null;

    // opening hours and rules
    const template =
      e.hours ??
      weighted<keyof typeof HOURS>(r, [
        ['standard', 70],
        ['saturday', 15],
        ['winter', 5],
        ['extended', 10],
      ]);
    const openingHours = HOURS[template]().map((day) => day.map(([a, b]) => [a, b] as [string, string]));
    let minBookingMinutes: number;
    let maxBookingMinutes: number;
    if (kind === 'compute') {
      minBookingMinutes = 60;
      maxBookingMinutes = 7 * 24 * 60;
    } else if (kind === 'facility') {
      minBookingMinutes = r.pick([240, 240, 480]);
      maxBookingMinutes = 720;
    } else {
      minBookingMinutes = r.pick([30, 30, 60, 60, 60]);
      maxBookingMinutes = template === 'extended' ? r.pick([480, 720, 840]) : r.pick([240, 240, 360, 480, 480]);
    }
    if (template === 'night') maxBookingMinutes = 300;
    const noticeHours = kind === 'compute' ? 0 : r.pick([0, 2, 4, 12, 24, 24]);
    const maxAdvanceDays = kind === 'facility' ? 180 : r.pick([30, 60, 90, 90]);
    const cancelNoticeHours = kind === 'compute' ? 0 : r.pick([12, 24, 24, 48]);
    const needsApproval = kind === 'compute' ? r.chance(0.3) : r.chance(0.8);
    const needsTraining = kind === 'compute' ? false : r.chance(/显微镜|CT|激光|质谱|分选|核磁|能谱仪|中试|风洞/.test(e.name) ? 0.6 : 0.2);

    const room =
      kind === 'compute'
        ? `${r.pick(['数据中心', '信息中心机房', '超算中心'])}${r.int(1, 3)}楼`
        : `${r.pick(BUILDINGS)}${r.int(1, 6)}${String(r.int(1, 30)).padStart(2, '0')}室`;
    const status = weighted<DemoInstrument['status']>(r, [
      ['in_service', 92],
      ['maintenance', 6],
      ['retired', 2],
    ]);
    const sharingMode = weighted<DemoInstrument['sharingMode']>(r, [
      ['open', 80],
      ['members', 12],
      ['arrangement', 8],
    ]);
    const capabilities = e.cap + (r.chance(0.3) ? `可出具${r.pick(['CMA', 'CNAS', 'CMA/CNAS'])}资质报告。` : '');

    out.push({
      ownerOrgId: owner.id,
      name,
      model,
      manufacturer: maker,
      classCode,
      kind,
      originalValueFen,
      purchaseDate,
      districtCode: owner.districtCode,
      address: owner.address,
      room,
      specifications: e.spec,
      capabilities,
      sampleRequirements: e.sample ?? null,
      sharingMode,
      priceUnit: unit,
      priceInternalFen,
      priceExternalFen,
      offPeakPriceFen,
      peakStart: offPeak ? '08:00' : null,
      peakEnd: offPeak ? '18:00' : null,
      openingHours,
      minBookingMinutes,
      maxBookingMinutes,
      noticeHours,
      maxAdvanceDays,
      cancelNoticeHours,
      needsApproval,
      needsTraining,
      status,
      contactName: r.pick(SURNAMES) + r.pick(GIVEN),
      contactPhone: `023-${r.int(6000, 8999)}${String(r.int(0, 9999)).padStart(4, '0')}`,
    });
  }
  return out;
}

/** The class codes the generator covers (all 15 of the migration). */
export const DEMO_CLASS_CODES = Object.keys(CATALOGUE);
