/**
 * Hand-written demo listings: achievements, demands and experts of the kinds Chongqing's
 * institutes and manufacturers post, written so that the matches between them make sense.
 * Prices in 万元 (10,000 yuan); null = 面议.
 */
import type { Maturity } from './schemas.ts';

export interface DemoAchievement {
  title: string;
  abstract: string;
  keywords: string[];
  discipline: string;
  industry: string;
  maturity: Maturity;
  trl: number;
  modes: string[];
  price: [number, number] | null;
  ip: [string, string][];
  /** index into the owner list: 0 = demo-lab's organization, 1 = demo-lab2's, others rotate */
  owner: number;
  inventors: number[];
}

export const DEMO_ACHIEVEMENTS: DemoAchievement[] = [
  { title: '高安全硫化物固态电解质及其制备技术', abstract: '提出一种低成本硫化物固态电解质的液相合成方法，室温离子电导率达到每厘米10毫西门子，与高镍正极匹配后电池通过针刺和180℃热箱测试，可用于新能源汽车动力电池。', keywords: ['固态电解质', '动力电池', '热安全'], discipline: 'engineering', industry: 'energy', maturity: 'pilot', trl: 6, modes: ['license', 'joint_development'], price: [300, 500], ip: [['invention', 'ZL202210345678.1'], ['invention', 'ZL202310112233.5']], owner: 0, inventors: [0, 1] },
  { title: '动力电池热失控早期预警系统', abstract: '融合电压、温度和气体传感器数据，利用机器学习模型在热失控发生前10分钟发出预警，误报率低于千分之一，已在储能电站和电动客车上示范应用。', keywords: ['热失控', '电池管理系统', '机器学习', '预警'], discipline: 'engineering', industry: 'auto', maturity: 'industrial', trl: 8, modes: ['license', 'transfer'], price: [150, 260], ip: [['invention', 'ZL202110998877.2'], ['software_copyright', '2022SR0456789']], owner: 0, inventors: [1] },
  { title: '锂电池磷系阻燃电解液添加剂', abstract: '一种含磷阻燃添加剂，添加量百分之五即可使电解液不可燃，对电池循环寿命影响小于百分之三，已完成公斤级小试。', keywords: ['阻燃', '电解液', '锂电池'], discipline: 'science', industry: 'energy', maturity: 'small_pilot', trl: 4, modes: ['transfer', 'license', 'joint_development'], price: null, ip: [['invention', 'ZL202320567890.3']], owner: 1, inventors: [2] },
  { title: '汽车座舱多模态语音交互与驾驶员状态监测', abstract: '基于深度学习的车载语音识别与视觉疲劳检测一体化方案，支持方言识别和离线运行，已搭载于两款量产车型。', keywords: ['智能座舱', '语音交互', '疲劳驾驶检测', '深度学习'], discipline: 'engineering', industry: 'auto', maturity: 'industrial', trl: 9, modes: ['license'], price: [80, 120], ip: [['software_copyright', '2023SR0123456']], owner: 2, inventors: [3] },
  { title: '面向自动驾驶的毫米波雷达与视觉融合感知算法', abstract: '将77GHz毫米波雷达点云与摄像头图像在特征层融合，雨雾天气下目标检测准确率提升百分之十二，适用于L2+级辅助驾驶。', keywords: ['自动驾驶', '多传感器融合', '毫米波雷达', '目标检测'], discipline: 'engineering', industry: 'auto', maturity: 'pilot', trl: 6, modes: ['joint_development', 'license'], price: null, ip: [['invention', 'ZL202210567123.9']], owner: 0, inventors: [3, 4] },
  { title: '铝合金一体化压铸车身结构件工艺', abstract: '针对新能源汽车后地板一体化压铸，开发免热处理铝合金成分和真空压铸工艺参数，零件减重百分之三十，延伸率大于百分之十。', keywords: ['一体化压铸', '铝合金', '轻量化', '车身结构'], discipline: 'engineering', industry: 'materials', maturity: 'pilot', trl: 7, modes: ['transfer', 'joint_development'], price: [500, 800], ip: [['invention', 'ZL202211223344.6']], owner: 3, inventors: [5] },
  { title: '镁合金汽车轻量化零部件挤压成形技术', abstract: '利用重庆丰富的镁资源，开发高强韧镁合金及其挤压成形工艺，用于座椅骨架和仪表盘支架，单件减重百分之四十。', keywords: ['镁合金', '轻量化', '挤压成形'], discipline: 'engineering', industry: 'materials', maturity: 'pilot', trl: 6, modes: ['license', 'equity'], price: [200, 350], ip: [['invention', 'ZL202010876543.0']], owner: 1, inventors: [5] },
  { title: '功率半导体碳化硅MOSFET封装可靠性技术', abstract: '银烧结和铜线键合工艺用于碳化硅功率模块封装，功率循环寿命提高三倍，适用于新能源汽车电驱和光伏逆变器。', keywords: ['碳化硅', '功率半导体', '芯片封装'], discipline: 'engineering', industry: 'electronics', maturity: 'pilot', trl: 6, modes: ['joint_development', 'license'], price: null, ip: [['invention', 'ZL202310765432.8'], ['utility_model', 'ZL202320111222.4']], owner: 2, inventors: [6] },
  { title: '工业视觉表面缺陷检测平台', abstract: '基于小样本深度学习的表面缺陷检测软件，支持金属、玻璃和PCB等材料，检出率超过百分之九十九，已在十余条产线部署。', keywords: ['机器视觉', '缺陷检测', '人工智能', '智能制造'], discipline: 'engineering', industry: 'equipment', maturity: 'industrial', trl: 9, modes: ['license', 'transfer'], price: [30, 60], ip: [['software_copyright', '2021SR0987654']], owner: 0, inventors: [4] },
  { title: '工业互联网设备预测性维护系统', abstract: '采集数控机床振动和电流信号，构建剩余寿命预测模型，提前一周预警主轴和刀具故障，设备综合效率提高百分之八。', keywords: ['预测性维护', '工业互联网', '故障诊断'], discipline: 'engineering', industry: 'software', maturity: 'industrial', trl: 8, modes: ['license'], price: [20, 50], ip: [['software_copyright', '2022SR0765432']], owner: 4, inventors: [7] },
  { title: '柑橘黄龙病快速检测试剂盒', abstract: '基于等温扩增的柑橘黄龙病田间快速检测方法，三十分钟出结果，灵敏度与实验室定量PCR相当，成本降低百分之七十。', keywords: ['柑橘', '黄龙病', '快速检测', '等温扩增'], discipline: 'agriculture', industry: 'agrifood', maturity: 'pilot', trl: 7, modes: ['transfer', 'license'], price: [40, 80], ip: [['invention', 'ZL202110445566.7']], owner: 1, inventors: [8] },
  { title: '丘陵山区植保无人机变量施药技术', abstract: '结合地形测绘和处方图的植保无人机变量喷施控制系统，药液利用率提高百分之三十，适用于柑橘园和茶园。', keywords: ['植保无人机', '变量施药', '精准农业'], discipline: 'agriculture', industry: 'agrifood', maturity: 'industrial', trl: 8, modes: ['license', 'joint_development'], price: null, ip: [['invention', 'ZL202210778899.1']], owner: 5, inventors: [8] },
  { title: '火锅底料标准化生产与风味保持工艺', abstract: '通过低温炒制和充氮包装保持牛油火锅底料风味，实现关键工序自动化，产品保质期延长到十八个月。', keywords: ['火锅底料', '食品加工', '风味保持'], discipline: 'engineering', industry: 'agrifood', maturity: 'industrial', trl: 9, modes: ['transfer'], price: [60, 90], ip: [['invention', 'ZL201910334455.2']], owner: 6, inventors: [9] },
  { title: '抗肿瘤单克隆抗体细胞株构建平台', abstract: '高表达中国仓鼠卵巢细胞株快速构建平台，抗体表达量达到每升五克，从基因到稳定细胞株仅需十二周。', keywords: ['单克隆抗体', '细胞株', '生物制药'], discipline: 'medicine', industry: 'biomed', maturity: 'pilot', trl: 6, modes: ['joint_development', 'license'], price: null, ip: [['invention', 'ZL202011112222.3']], owner: 0, inventors: [10] },
  { title: '可降解镁合金骨科内固定器械', abstract: '高纯镁合金骨钉和骨板，植入后在体内十二至十八个月逐步降解，避免二次手术取出，已完成动物实验。', keywords: ['可降解材料', '镁合金', '医疗器械', '骨科'], discipline: 'medicine', industry: 'biomed', maturity: 'small_pilot', trl: 5, modes: ['equity', 'joint_development'], price: [800, 1500], ip: [['invention', 'ZL202110223344.1']], owner: 1, inventors: [5, 10] },
  { title: '城市污水厂低碳脱氮工艺', abstract: '短程硝化厌氧氨氧化工艺用于城市污水主流脱氮，曝气能耗降低百分之四十，已在万吨级污水厂稳定运行一年。', keywords: ['污水处理', '厌氧氨氧化', '节能减排'], discipline: 'engineering', industry: 'environment', maturity: 'industrial', trl: 8, modes: ['license', 'transfer'], price: [100, 200], ip: [['invention', 'ZL201811556677.8']], owner: 7, inventors: [11] },
  { title: '山地城市桥梁结构健康监测系统', abstract: '基于光纤光栅传感和边缘计算的桥梁健康监测方案，实时评估索力和挠度，已应用于重庆多座跨江大桥。', keywords: ['结构健康监测', '桥梁', '光纤传感'], discipline: 'engineering', industry: 'construction', maturity: 'industrial', trl: 9, modes: ['license'], price: [50, 150], ip: [['invention', 'ZL201910667788.4']], owner: 0, inventors: [12] },
  { title: '页岩气压裂返排液处理回用技术', abstract: '电絮凝与膜分离组合工艺处理页岩气压裂返排液，回用率大于百分之九十，处理成本每吨低于三十元。', keywords: ['页岩气', '压裂返排液', '膜分离'], discipline: 'engineering', industry: 'environment', maturity: 'pilot', trl: 7, modes: ['transfer', 'joint_development'], price: [200, 300], ip: [['invention', 'ZL202010998811.6']], owner: 3, inventors: [11] },
  { title: '大模型驱动的政务智能问答系统', abstract: '基于检索增强生成的政务知识问答，支持政策条款溯源和多轮对话，回答准确率百分之九十二，可本地化部署。', keywords: ['大模型', '人工智能', '智能问答', '知识图谱'], discipline: 'engineering', industry: 'software', maturity: 'pilot', trl: 7, modes: ['license', 'joint_development'], price: [80, 150], ip: [['software_copyright', '2024SR0112233']], owner: 2, inventors: [7] },
  { title: '高镍三元正极材料单晶化制备技术', abstract: '两步烧结制备单晶高镍正极材料，颗粒无裂纹，一千次循环容量保持率百分之九十，适配长续航动力电池。', keywords: ['正极材料', '高镍', '动力电池'], discipline: 'science', industry: 'energy', maturity: 'pilot', trl: 6, modes: ['license', 'equity'], price: null, ip: [['invention', 'ZL202211889900.2']], owner: 1, inventors: [2, 0] },
];

export interface DemoDemand {
  title: string;
  description: string;
  industry: string;
  maturity: Maturity | null;
  budget: number | null;
  modes: string[];
  /** 0 = demo-member's organization, others rotate over enterprises */
  org: number;
  contact: string;
  deadlineDays: number;
}

export const DEMO_DEMANDS: DemoDemand[] = [
  { title: '动力电池包热失控防护技术', description: '我公司为整车厂配套动力电池包，需要提高电池在针刺、过充和高温条件下的安全性，寻求固态电解质、阻燃电解液或热失控预警技术，要求完成中试验证。', industry: 'energy', maturity: 'pilot', budget: 600, modes: ['license', 'joint_development'], org: 0, contact: '王工', deadlineDays: 120 },
  { title: '压铸车身零件减重与强度提升', description: '现有钢制后地板总成重量偏大，希望采用铝合金或镁合金一体化压铸实现轻量化，零件减重不少于百分之二十，满足碰撞安全要求。', industry: 'materials', maturity: 'pilot', budget: 800, modes: ['transfer', 'joint_development'], org: 0, contact: '王工', deadlineDays: 180 },
  { title: '电机控制器产线外观缺陷自动检测', description: '电机控制器壳体和PCB焊点目前依靠人工目检，漏检率高，需要基于机器视觉的自动检测方案，节拍不超过五秒。', industry: 'equipment', maturity: 'industrial', budget: 80, modes: ['license', 'commissioned'], org: 0, contact: '刘经理', deadlineDays: 60 },
  { title: '柑橘园病害早期诊断与精准施药', description: '合作社管理三千亩柑橘园，黄龙病和溃疡病防控压力大，需要田间快速检测和无人机精准施药技术，降低农药用量。', industry: 'agrifood', maturity: 'industrial', budget: 50, modes: ['license', 'consulting'], org: 1, contact: '陈社长', deadlineDays: 90 },
  { title: '火锅底料自动化炒制设备改造', description: '传统人工炒制火锅底料品质不稳定，希望引入自动化炒制和风味保持工艺，提高产能并延长保质期。', industry: 'agrifood', maturity: 'industrial', budget: 120, modes: ['transfer', 'commissioned'], org: 2, contact: '张厂长', deadlineDays: 150 },
  { title: '数控机床主轴故障预测', description: '车间有两百台数控机床，主轴和刀具故障导致非计划停机，需要基于振动监测的预测性维护系统，并能接入现有MES。', industry: 'software', maturity: 'industrial', budget: 40, modes: ['license', 'commissioned'], org: 3, contact: '赵工', deadlineDays: 75 },
  { title: '碳化硅功率模块封装工艺合作', description: '我公司计划建设电驱用碳化硅功率模块产线，寻求银烧结封装工艺和可靠性测试方面的合作开发伙伴。', industry: 'electronics', maturity: 'pilot', budget: null, modes: ['joint_development', 'consulting'], org: 4, contact: '孙博士', deadlineDays: 200 },
  { title: '园区污水处理厂节能降耗', description: '工业园区污水处理厂曝气电耗高，需要低碳脱氮工艺改造方案，出水达到一级A标准，投资回收期不超过五年。', industry: 'environment', maturity: 'industrial', budget: 300, modes: ['license', 'commissioned'], org: 5, contact: '周主任', deadlineDays: 120 },
];

export interface DemoExpert {
  name: string;
  title: string;
  fields: string[];
  keywords: string[];
  biography: string;
  consulting: boolean;
  grade: 'junior' | 'intermediate' | 'senior' | null;
  commissioner: boolean;
  /** index into the owner list for the affiliation */
  affiliation: number;
}

export const DEMO_EXPERTS: DemoExpert[] = [
  { name: '陈志远', title: '研究员', fields: ['energy', 'engineering'], keywords: ['固态电池', '固态电解质', '储能材料'], biography: '长期从事固态锂电池电解质材料研究，主持国家重点研发计划项目两项。', consulting: true, grade: null, commissioner: false, affiliation: 0 },
  { name: '刘晓燕', title: '教授', fields: ['auto', 'engineering'], keywords: ['电池管理系统', '热失控', '故障诊断'], biography: '研究动力电池状态估计与安全预警，与多家整车企业合作开发电池管理系统。', consulting: true, grade: 'intermediate', commissioner: false, affiliation: 0 },
  { name: '王建国', title: '副研究员', fields: ['energy', 'science'], keywords: ['电解液', '阻燃', '正极材料'], biography: '从事锂离子电池电解液和正极材料研究十余年。', consulting: false, grade: null, commissioner: false, affiliation: 1 },
  { name: '赵一鸣', title: '教授', fields: ['auto', 'software'], keywords: ['自动驾驶', '计算机视觉', '智能座舱'], biography: '研究自动驾驶环境感知和车载人机交互，发表论文八十余篇。', consulting: true, grade: null, commissioner: false, affiliation: 2 },
  { name: '李思源', title: '高级工程师', fields: ['equipment', 'software'], keywords: ['机器视觉', '缺陷检测', '深度学习'], biography: '十年工业视觉检测项目经验，带领团队完成二十余条产线的视觉检测改造。', consulting: true, grade: 'senior', commissioner: false, affiliation: 0 },
  { name: '周海峰', title: '教授', fields: ['materials', 'engineering'], keywords: ['镁合金', '铝合金', '轻量化', '压铸'], biography: '国家镁合金材料工程技术研究中心骨干，研究轻合金成形工艺。', consulting: true, grade: null, commissioner: false, affiliation: 1 },
  { name: '孙立新', title: '研究员', fields: ['electronics'], keywords: ['碳化硅', '功率半导体', '封装'], biography: '从事宽禁带半导体器件封装与可靠性研究。', consulting: false, grade: null, commissioner: false, affiliation: 2 },
  { name: '郑丽娟', title: '高级工程师', fields: ['software', 'equipment'], keywords: ['工业互联网', '预测性维护', '大模型'], biography: '工业软件架构师，负责多个智能工厂数字化项目。', consulting: true, grade: 'intermediate', commissioner: false, affiliation: 4 },
  { name: '黄德明', title: '研究员', fields: ['agrifood', 'agriculture'], keywords: ['柑橘', '植物病害', '植保'], biography: '柑橘病虫害防控专家，科技特派员，常年驻点服务区县柑橘产业。', consulting: true, grade: null, commissioner: true, affiliation: 1 },
  { name: '吴春梅', title: '教授', fields: ['agrifood'], keywords: ['食品加工', '调味品', '风味化学'], biography: '研究川渝特色调味品加工与风味保持。', consulting: true, grade: null, commissioner: true, affiliation: 6 },
  { name: '冯志刚', title: '主任医师', fields: ['biomed', 'medicine'], keywords: ['骨科', '医疗器械', '生物材料'], biography: '骨科临床专家，参与可降解骨科器械的临床前研究。', consulting: false, grade: null, commissioner: false, affiliation: 0 },
  { name: '何晓东', title: '教授级高级工程师', fields: ['environment'], keywords: ['污水处理', '厌氧氨氧化', '膜分离'], biography: '长期从事市政和工业废水处理工艺研究与工程设计。', consulting: true, grade: 'senior', commissioner: false, affiliation: 7 },
  { name: '马文博', title: '教授', fields: ['construction'], keywords: ['桥梁', '结构健康监测', '光纤传感'], biography: '研究山地城市桥梁监测与评估。', consulting: true, grade: null, commissioner: false, affiliation: 0 },
  { name: '徐静', title: '技术经理人', fields: ['services', 'energy'], keywords: ['技术转移', '知识产权运营', '成果评价'], biography: '高级技术经理人，促成技术合同四十余项，熟悉作价入股与许可交易。', consulting: true, grade: 'senior', commissioner: false, affiliation: 0 },
];
