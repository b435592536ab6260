// Demo data for the emulator: a fictional home-appliance brand, 「暖居智能家电」
// (air conditioners, water heaters, water purifiers, robot vacuums), sold through the
// WeChat mall and JD/Tmall flagship stores, with installation, repair and after-sales service.
//
// Self-contained on purpose: no imports, plain data only. All business names, prices,
// policies, error codes and phone numbers here are invented for the demo.
//
// Answer format (rendered by the app): paragraphs are separated by a blank line ("\n\n");
// list items are lines starting with "- " or "1. ", one item per line.

export interface SeedCategory {
  _id: string;
  name: string;
  /** One emoji. */
  icon: string;
  description: string;
  order: number;
  enabled: true;
}

export interface SeedFaq {
  _id: string;
  categoryId: string;
  question: string;
  answer: string;
  similar: string[];
  keywords: string[];
  views: number;
  helpful: number;
  notHelpful: number;
  enabled: true;
}

export interface SeedGroup {
  _id: string;
  name: string;
  description: string;
  isDefault: boolean;
  categoryIds: string[];
  mode: 'least_loaded';
}

export interface SeedUser {
  /** Demo openid, e.g. 'demo-admin', 'demo-agent-1'. */
  _id: string;
  role: 'customer' | 'agent' | 'qa' | 'supervisor' | 'admin';
  name: string;
  groups: string[];
  capacity: number;
  vip?: boolean;
  phone?: string;
}

export interface SeedQuickReply {
  _id: string;
  /** Team replies belong to nobody; personal ones to an agent's openid. */
  owner: null;
  scope: 'team';
  title: string;
  /** May use {客户昵称}, {客服昵称} and {日期}. */
  text: string;
  updatedBy: string;
}

export interface SeedService {
  _id: string;
  name: string;
  description: string;
  durationMinutes: number;
  capacityPerSlot: number;
  /** 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** 'HH:mm', UTC+8. */
  hours: { start: string; end: string };
  leadHours: number;
  maxDaysAhead: number;
  enabled: true;
}

// ---------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------

export const categories: SeedCategory[] = [
  {
    _id: 'cat-product',
    name: '选购咨询',
    icon: '🛒',
    description: '空调、热水器、净水器、扫地机器人怎么选，以旧换新与优惠活动',
    order: 1,
    enabled: true,
  },
  {
    _id: 'cat-order',
    name: '订单与支付',
    icon: '🧾',
    description: '付款方式、分期、修改或取消订单、发票、价格保护',
    order: 2,
    enabled: true,
  },
  {
    _id: 'cat-delivery',
    name: '物流配送',
    icon: '🚚',
    description: '发货时效、物流查询、签收验货',
    order: 3,
    enabled: true,
  },
  {
    _id: 'cat-install',
    name: '安装服务',
    icon: '🔧',
    description: '预约安装、收费标准、安装前准备、改约',
    order: 4,
    enabled: true,
  },
  {
    _id: 'cat-usage',
    name: '使用与故障',
    icon: '💡',
    description: '常见故障代码、不制冷、漏水、异味、滤芯更换、配网等自助排查',
    order: 5,
    enabled: true,
  },
  {
    _id: 'cat-repair',
    name: '维修与保修',
    icon: '🛠️',
    description: '保修政策、报修流程、保外收费、延保服务、到店维修',
    order: 6,
    enabled: true,
  },
  {
    _id: 'cat-returns',
    name: '退换货',
    icon: '🔄',
    description: '7天无理由退货、15天质量问题换货、退款时效与运费',
    order: 7,
    enabled: true,
  },
  {
    _id: 'cat-account',
    name: '会员与账户',
    icon: '👤',
    description: '会员等级、积分、更换手机号、隐私与数据删除',
    order: 8,
    enabled: true,
  },
];

// ---------------------------------------------------------------------------
// FAQ entries
// ---------------------------------------------------------------------------

export const faqs: SeedFaq[] = [
  // ----- 选购咨询 -----
  {
    _id: 'faq-001',
    categoryId: 'cat-product',
    question: '房间多大买几匹的空调合适？',
    answer:
      '可以先按房间面积粗略估算（层高约2.8米的普通住宅）：\n\n' +
      '- 1匹：约10–15㎡，适合小卧室、书房\n' +
      '- 1.5匹：约15–22㎡，适合主卧、次卧\n' +
      '- 2匹：约22–30㎡，适合小客厅\n' +
      '- 3匹：约30–45㎡，适合客厅或客餐厅一体\n\n' +
      '如果房间朝西、在顶楼、窗户面积大或者是开放式厨房连通，建议往上提一档。拿不准的话，把房间面积和朝向发给在线客服，我们帮您推荐具体型号。',
    similar: ['空调几匹怎么选', '20平的卧室买多大空调', '1.5匹的空调够不够用', '客厅30平米买几匹的'],
    keywords: ['匹数', '面积', '空调选购'],
    views: 1264,
    helpful: 187,
    notHelpful: 9,
    enabled: true,
  },
  {
    _id: 'faq-002',
    categoryId: 'cat-product',
    question: '电热水器买多少升的够用？',
    answer:
      '主要看家里几口人、洗澡习惯：\n\n' +
      '- 1–2人：40–50升\n' +
      '- 3人：60升\n' +
      '- 4人及以上，或家里有浴缸：80升及以上\n\n' +
      '暖居带「增容」标识的型号，60升可以提供接近80升的热水量，卫生间空间有限时可以优先考虑。冬天进水温度低、连续洗澡人数多的家庭，建议再大一档。',
    similar: ['热水器选多大的', '三口之家用多少升热水器', '60升热水器够几个人洗', '热水器容量怎么选'],
    keywords: ['热水器', '容量', '升数'],
    views: 532,
    helpful: 71,
    notHelpful: 6,
    enabled: true,
  },
  {
    _id: 'faq-003',
    categoryId: 'cat-product',
    question: '净水器选RO反渗透的还是超滤的？',
    answer:
      'RO反渗透净水器过滤精度高，能去除水垢、重金属和细菌，出水可以直接饮用，但需要插电，会产生一部分浓水（暖居RO系列净水与浓水比约为3:1）。\n\n' +
      '超滤净水器不用电、没有废水，能保留水中的矿物质，但去不掉水垢和溶解性的重金属，更适合水质本来就比较好的地区。\n\n' +
      '如果您家烧水壶里容易结水垢，或者想直接喝，建议选RO款；主要用来洗菜做饭、预算有限，可以选超滤款。',
    similar: ['RO和超滤有什么区别', '净水器哪种好', '净水器要不要选反渗透的', '超滤净水器能直接喝吗'],
    keywords: ['净水器', 'RO反渗透', '超滤'],
    views: 688,
    helpful: 102,
    notHelpful: 11,
    enabled: true,
  },
  {
    _id: 'faq-004',
    categoryId: 'cat-product',
    question: '家里养猫，扫地机器人能吸宠物毛吗？有地毯能用吗？',
    answer:
      '可以。暖居扫地机器人X系列采用橡胶防缠绕主刷，对猫毛、狗毛和长头发不容易缠绕，集尘站款还能自动倒垃圾，养宠家庭比较省心。\n\n' +
      '识别到地毯时机器会自动加大吸力，拖地款会自动抬起拖布，避免把地毯弄湿。长毛地毯（毛长超过2厘米）建议在App里设为禁区，避免卡住。',
    similar: ['扫地机器人吸猫毛怎么样', '养狗适合买哪款扫地机', '扫地机器人能扫地毯吗', '宠物毛发会缠住滚刷吗'],
    keywords: ['扫地机器人', '宠物毛发', '地毯'],
    views: 397,
    helpful: 48,
    notHelpful: 5,
    enabled: true,
  },
  {
    _id: 'faq-005',
    categoryId: 'cat-product',
    question: '旧空调能以旧换新吗？怎么折价？',
    answer:
      '可以。在商城商品页选择「以旧换新」，提交旧机的品类、品牌和使用年限，系统会给出回收抵扣金额，下单时直接抵扣，新机安装当天师傅顺便把旧机拆走。\n\n' +
      '旧机不限品牌，能不能正常使用都可以回收，但需要整机完整。如果您所在地区有政府发放的家电以旧换新补贴，可在商城「补贴专区」查看是否适用，具体以当地政策为准。',
    similar: ['以旧换新怎么弄', '旧空调回收吗', '旧热水器能抵钱吗', '换新机旧机怎么处理'],
    keywords: ['以旧换新', '回收', '补贴'],
    views: 845,
    helpful: 96,
    notHelpful: 17,
    enabled: true,
  },

  // ----- 订单与支付 -----
  {
    _id: 'faq-006',
    categoryId: 'cat-order',
    question: '支持哪些付款方式？可以分期吗？',
    answer:
      '暖居微信商城支持微信支付，可以用微信零钱、零钱通或已绑定的银行卡付款。\n\n' +
      '部分商品支持信用卡分期（3期、6期、12期），商品页标有「分期免息」的不收手续费，在支付页选择「分期付款」即可。在京东、天猫旗舰店购买的订单，按平台规则可使用白条、花呗等方式。',
    similar: ['能分期付款吗', '可以用信用卡吗', '有免息分期吗', '怎么付款'],
    keywords: ['支付方式', '分期', '微信支付'],
    views: 476,
    helpful: 53,
    notHelpful: 4,
    enabled: true,
  },
  {
    _id: 'faq-007',
    categoryId: 'cat-order',
    question: '下单后还能改收货地址或者取消订单吗？',
    answer:
      '订单还没发货时，可以在「我的订单」进入订单详情，点击「修改地址」或「取消订单」，取消后款项会原路退回。\n\n' +
      '如果订单已经发货，请尽快联系在线客服，我们会尝试拦截物流或协助改派；也可以在送货时直接拒收。已经预约了安装的订单，修改地址后记得在「我的预约」里同步修改上门地址。',
    similar: ['地址填错了怎么办', '怎么取消订单', '不想要了能取消吗', '发货了还能改地址吗'],
    keywords: ['修改地址', '取消订单'],
    views: 921,
    helpful: 118,
    notHelpful: 14,
    enabled: true,
  },
  {
    _id: 'faq-008',
    categoryId: 'cat-order',
    question: '怎么开发票？可以开增值税专用发票吗？',
    answer:
      '在「我的订单」找到对应订单，点击「申请开票」，填写发票抬头（个人或单位名称、税号）即可。电子普通发票一般在确认收货后1–2个工作日开具，可在订单详情里查看和下载，也会同步到微信卡包。\n\n' +
      '需要增值税专用发票的，请选择「专用发票」，填写单位名称、税号、开户行及账号、注册地址和电话，纸质发票会在审核后7个工作日内寄出。\n\n' +
      '抬头填错了也不用担心：电子普通发票可在「发票详情」中点击「换开」修改一次；专用发票需要先把原票寄回再重开。京东、天猫的订单请在对应平台申请开票。',
    similar: ['发票在哪里开', '怎么要发票', '能开公司抬头的发票吗', '发票抬头写错了能改吗', '专票怎么开'],
    keywords: ['发票', '电子发票', '专用发票', '抬头'],
    views: 2136,
    helpful: 264,
    notHelpful: 31,
    enabled: true,
  },
  {
    _id: 'faq-009',
    categoryId: 'cat-order',
    question: '付款显示失败，但是钱已经扣了怎么办？',
    answer:
      '这种情况多数是支付结果同步有延迟，请先等待10–15分钟后刷新「我的订单」，订单状态通常会自动变成「待发货」。\n\n' +
      '如果订单仍显示未支付，扣除的款项会在1–3个工作日内原路退回，不会重复扣费。超过3个工作日还没退回，请把微信支付账单里的交易单号截图发给在线客服，我们帮您核查。',
    similar: ['付款失败钱扣了', '支付不成功但是扣款了', '钱付了订单还是待付款', '重复扣款了'],
    keywords: ['支付失败', '扣款', '退回'],
    views: 318,
    helpful: 37,
    notHelpful: 8,
    enabled: true,
  },
  {
    _id: 'faq-010',
    categoryId: 'cat-order',
    question: '买完没几天就降价了，能退差价吗？',
    answer:
      '暖居微信商城的订单支持价格保护：自签收之日起15天内，同一商品、同一规格在商城降价的，可以在「我的订单」点击「价格保护」申请，差价会退回到原支付方式。\n\n' +
      '以下情况不在价保范围内：\n\n' +
      '- 秒杀、限时抢购、拼团等限量活动价\n' +
      '- 使用优惠券、积分抵扣或赠品带来的价格差\n' +
      '- 京东、天猫等其他平台的价格变化',
    similar: ['降价了能补差价吗', '价保怎么申请', '刚买就便宜了', '能保价吗'],
    keywords: ['价格保护', '退差价', '降价'],
    views: 764,
    helpful: 89,
    notHelpful: 22,
    enabled: true,
  },

  // ----- 物流配送 -----
  {
    _id: 'faq-011',
    categoryId: 'cat-delivery',
    question: '下单后多久发货？一般几天能送到？',
    answer:
      '现货商品付款后48小时内发货，预售商品以商品页标注的发货时间为准。\n\n' +
      '空调、热水器等大件由合作物流送货上门，省会及主要城市一般2–4天送达，偏远县乡约5–7天；净水器、扫地机器人走快递，一般1–3天送达。大促期间订单较多，可能会延迟1–2天。',
    similar: ['什么时候发货', '几天能到', '多久能收到货', '怎么还没发货'],
    keywords: ['发货时间', '配送时效'],
    views: 1038,
    helpful: 121,
    notHelpful: 16,
    enabled: true,
  },
  {
    _id: 'faq-012',
    categoryId: 'cat-delivery',
    question: '怎么查物流到哪了？',
    answer:
      '在「我的订单」进入订单详情，点击「查看物流」就能看到最新的配送进度和快递单号。\n\n' +
      '大件商品在送货前一天，配送师傅会打电话和您约时间。如果物流信息超过3天没有更新，请联系在线客服，我们会帮您催促物流。',
    similar: ['物流信息在哪看', '快递单号是多少', '物流好几天没动了', '查一下我的快递'],
    keywords: ['物流查询', '快递单号'],
    views: 873,
    helpful: 92,
    notHelpful: 7,
    enabled: true,
  },
  {
    _id: 'faq-013',
    categoryId: 'cat-delivery',
    question: '收到货发现箱子破了或者机器有磕碰怎么办？',
    answer:
      '大家电请一定当着配送师傅的面开箱验货：\n\n' +
      '1. 先看外包装是否严重破损、变形或有水渍\n' +
      '2. 开箱检查机身外观有没有磕碰、划痕，配件是否齐全\n' +
      '3. 有明显损坏可以直接拒收，我们会安排重新发货\n\n' +
      '如果签收后才发现，请在48小时内拍下外包装、机身损坏处和快递面单的照片，发给在线客服处理。发现损坏后请先不要安装使用，以免影响换货。',
    similar: ['快递箱子破了', '收到的空调有划痕', '外机磕坏了', '签收后发现坏了怎么办'],
    keywords: ['验货', '破损', '拒收'],
    views: 289,
    helpful: 41,
    notHelpful: 3,
    enabled: true,
  },

  // ----- 安装服务 -----
  {
    _id: 'faq-014',
    categoryId: 'cat-install',
    question: '买了空调怎么预约安装？',
    answer:
      '商品签收后就可以预约安装，步骤如下：\n\n' +
      '1. 进入小程序「服务预约」，选择「上门安装」\n' +
      '2. 选择需要安装的订单和商品，确认上门地址\n' +
      '3. 选择上门日期和时间段，提交预约\n\n' +
      '安装需至少提前24小时预约，最远可以约14天内的时间。提交后可在「我的预约」查看进度，师傅上门前30分钟左右会电话联系您。',
    similar: ['空调怎么约安装', '在哪里预约师傅上门', '什么时候来安装', '热水器安装怎么预约', '预约安装入口在哪'],
    keywords: ['预约安装', '上门安装', '我的预约'],
    views: 4217,
    helpful: 512,
    notHelpful: 38,
    enabled: true,
  },
  {
    _id: 'faq-015',
    categoryId: 'cat-install',
    question: '安装收费吗？都有哪些可能收费的项目？',
    answer:
      '暖居产品的标准安装免费。空调标准安装包含挂机3米、柜机5米的铜管及连接线，以及一个墙孔。\n\n' +
      '超出标准安装的部分，按《暖居服务收费标准》收取材料费，常见项目有：\n\n' +
      '- 加长铜管（含保温管、连接线）：挂机85元/米，柜机110元/米\n' +
      '- 空调外机不锈钢支架：150元/副\n' +
      '- 外机位置需要吊装或高空作业：100–200元\n' +
      '- 额外打墙孔：50元/个\n\n' +
      '师傅在施工前必须出示价目表并说明费用，完工后通过小程序给您开具电子收费单。收费单以外的费用可以拒付，并联系客服投诉。',
    similar: ['安装要钱吗', '铜管加长怎么收费', '安装费多少钱', '师傅乱收费怎么办', '空调支架要不要另外买'],
    keywords: ['安装费', '收费标准', '铜管', '支架'],
    views: 2548,
    helpful: 298,
    notHelpful: 47,
    enabled: true,
  },
  {
    _id: 'faq-016',
    categoryId: 'cat-install',
    question: '师傅上门安装前，我需要准备什么？',
    answer:
      '为了让安装一次完成，请提前确认：\n\n' +
      '- 电源：1.5匹及以下空调需16A插座，2匹以上柜机建议走独立线路；热水器需带接地的16A插座\n' +
      '- 位置：预留好空调孔和外机位置，清空安装位置附近的杂物\n' +
      '- 净水器：厨下柜留出足够空间，并有进水角阀和插座\n' +
      '- 家中有人：安装当天需要有18岁以上的家人在场验收\n\n' +
      '不确定现场条件是否满足的，可以在预约时上传安装位置的照片，师傅会提前帮您判断。',
    similar: ['安装前要准备什么', '空调插座有什么要求', '安装需要家里有人吗', '净水器安装需要什么条件'],
    keywords: ['安装准备', '插座', '安装条件'],
    views: 1176,
    helpful: 154,
    notHelpful: 10,
    enabled: true,
  },
  {
    _id: 'faq-017',
    categoryId: 'cat-install',
    question: '电热水器安装对墙有什么要求？',
    answer:
      '电热水器装满水后很重（80升的整机加水超过100公斤），必须安装在实心砖墙或混凝土承重墙上。\n\n' +
      '空心砖、石膏板、轻质隔墙等无法承重的墙面不能直接挂装，需要加装落地支架（另行收费）。另外请确认卫生间有带接地的16A防溅插座，插座不要装在淋浴正上方。',
    similar: ['热水器能装在空心墙上吗', '热水器要装承重墙吗', '石膏板墙能挂热水器吗'],
    keywords: ['热水器安装', '承重墙', '防溅插座'],
    views: 341,
    helpful: 52,
    notHelpful: 2,
    enabled: true,
  },
  {
    _id: 'faq-018',
    categoryId: 'cat-install',
    question: '在京东/天猫买的暖居家电，也能在这里预约安装吗？',
    answer:
      '可以，暖居官方旗舰店售出的产品全国联保，安装服务标准一致。\n\n' +
      '在「服务预约」选择「上门安装」后，购买渠道选择「其他平台」，填写平台订单号并上传订单截图即可。部分京东订单在下单时已自动派发安装单，如果已经接到了师傅的电话，就不需要重复预约。',
    similar: ['京东买的能约安装吗', '天猫买的怎么预约安装', '不是在小程序买的能安装吗', '其他平台买的保修吗'],
    keywords: ['京东', '天猫', '其他平台', '预约安装'],
    views: 958,
    helpful: 127,
    notHelpful: 9,
    enabled: true,
  },
  {
    _id: 'faq-019',
    categoryId: 'cat-install',
    question: '预约的安装时间能改吗？师傅没按时来怎么办？',
    answer:
      '在「我的预约」找到这条预约，上门前4小时以前可以自助改期或取消；临近上门时间再改约，请联系在线客服。\n\n' +
      '师傅会在上门前30分钟左右和您电话确认。如果超过约定时间段30分钟还没到，也没人联系您，请直接联系在线客服催单，核实后我们会赠送200积分作为补偿。',
    similar: ['怎么改预约时间', '取消预约', '师傅迟到了', '约好的师傅没来', '安装时间改到周末'],
    keywords: ['改约', '取消预约', '师傅迟到'],
    views: 612,
    helpful: 70,
    notHelpful: 12,
    enabled: true,
  },

  // ----- 使用与故障 -----
  {
    _id: 'faq-020',
    categoryId: 'cat-usage',
    question: '空调不制冷怎么办？',
    answer:
      '请先按下面的顺序自查，多数情况都能自己解决：\n\n' +
      '1. 确认遥控器是「制冷」模式，而不是送风、除湿或自动模式\n' +
      '2. 设定温度要低于室温，建议设在26℃左右\n' +
      '3. 刚开机或刚切换模式时，外机有约3分钟的保护延时，稍等一会儿\n' +
      '4. 取下室内机滤网看看，积灰多会明显影响制冷，用清水冲洗晾干后装回\n' +
      '5. 检查门窗是否关好，外机周围有没有杂物遮挡、散热是否通畅\n\n' +
      '如果以上都没问题，外机也不转或者出风一直不凉，可能是缺冷媒或部件故障，请联系在线客服报修，保修期内维修免费。',
    similar: ['空调吹的不是冷风', '空调不凉了', '空调开了半天还是热', '空调只吹风不制冷', '空调制冷效果差'],
    keywords: ['不制冷', '空调', '故障排查', '滤网'],
    views: 5836,
    helpful: 743,
    notHelpful: 96,
    enabled: true,
  },
  {
    _id: 'faq-021',
    categoryId: 'cat-usage',
    question: '空调显示E1是什么故障？',
    answer:
      '暖居空调显示E1，表示室内机和室外机之间通信异常，常见原因是电压不稳或连接线松动。可以先这样处理：关掉空调，断开电源（拔插头或关空开）5分钟后重新开机；同时确认外机的独立空开没有跳闸。\n\n' +
      '其他常见代码：\n\n' +
      '- E2：室内温度传感器异常\n' +
      '- E4：外机排气温度过高保护，多为外机散热不良\n' +
      '- F3：室外温度传感器异常\n' +
      '- P1：电压过低或过高保护\n\n' +
      '断电重启后仍然显示代码，请联系在线客服报修，并告诉我们故障代码，师傅可以提前带好配件。',
    similar: ['空调显示E1', '空调屏幕出现F3', '空调报故障代码怎么办', '空调显示E4什么意思'],
    keywords: ['故障代码', 'E1', 'F3', '空调'],
    views: 1532,
    helpful: 208,
    notHelpful: 27,
    enabled: true,
  },
  {
    _id: 'faq-022',
    categoryId: 'cat-usage',
    question: '空调室内机往下滴水怎么办？',
    answer:
      '室内机漏水通常和排水有关：排水管被压扁、打折或堵塞，排水管出口插进了水里，或者滤网太脏导致蒸发器结霜后融化滴水。\n\n' +
      '您可以先清洗滤网，再检查室外那段排水管是否通畅、出口是否悬空。如果是新装不久就漏水，多半是安装坡度问题，请联系在线客服安排师傅上门，安装问题处理免费。',
    similar: ['空调漏水', '空调滴水', '室内机往下流水', '空调出风口有水'],
    keywords: ['漏水', '排水管', '空调'],
    views: 1327,
    helpful: 166,
    notHelpful: 19,
    enabled: true,
  },
  {
    _id: 'faq-023',
    categoryId: 'cat-usage',
    question: '空调一开就有股霉味怎么办？',
    answer:
      '异味一般来自滤网和蒸发器上积的灰尘和霉菌，尤其是空调闲置一个季节之后。\n\n' +
      '建议先取下滤网用清水冲洗、阴干后装回，然后用遥控器开启「自清洁」功能（约30分钟），让蒸发器结霜再化霜，把表面的脏东西冲掉。\n\n' +
      '如果用了两三年还没深度清洗过，可以在「服务预约」中预约「上门清洗」，师傅会拆洗蒸发器和风轮，金卡及以上会员每年可免费清洗一次。',
    similar: ['空调有异味', '空调吹出来臭臭的', '空调有霉味', '空调怎么清洗'],
    keywords: ['异味', '自清洁', '清洗'],
    views: 1048,
    helpful: 139,
    notHelpful: 12,
    enabled: true,
  },
  {
    _id: 'faq-024',
    categoryId: 'cat-usage',
    question: '电热水器显示E3，不加热了怎么办？',
    answer:
      'E3是防干烧保护，表示内胆里没有注满水就开始加热了，常见于新机第一次使用或者家里刚停过水。处理方法：\n\n' +
      '1. 先关闭热水器电源\n' +
      '2. 打开进水阀，再打开花洒或龙头的热水档\n' +
      '3. 等热水口持续出水、没有空气声后关闭龙头\n' +
      '4. 重新通电开机\n\n' +
      '注满水后仍然显示E3，请停止使用并联系在线客服报修。',
    similar: ['热水器显示E3', '热水器报故障不加热', '热水器防干烧', '热水器代码E3'],
    keywords: ['热水器', 'E3', '防干烧'],
    views: 486,
    helpful: 74,
    notHelpful: 6,
    enabled: true,
  },
  {
    _id: 'faq-025',
    categoryId: 'cat-usage',
    question: '热水器洗一会儿就没热水了，是坏了吗？',
    answer:
      '不一定是故障。冬天进水温度低，同样容量能提供的热水会变少；另外两个人连着洗，后面的人热水不够也比较常见。可以把设定温度调到65–75℃，洗澡时多兑一些冷水，或开启「增容」「速热」模式。\n\n' +
      '如果热水器已经用了两年以上，内胆结垢和镁棒消耗也会影响加热，建议每1–2年更换一次镁棒，可以在「服务预约」中预约「上门清洗」，师傅除垢时一并检查更换。',
    similar: ['热水器水不热', '热水不够用', '洗一半没热水了', '热水器加热很慢'],
    keywords: ['热水器', '水不热', '镁棒'],
    views: 702,
    helpful: 81,
    notHelpful: 15,
    enabled: true,
  },
  {
    _id: 'faq-026',
    categoryId: 'cat-usage',
    question: '净水器滤芯多久换一次？能自己换吗？',
    answer:
      '各级滤芯的建议更换周期如下，实际以用水量和当地水质为准：\n\n' +
      '- PP棉滤芯：6–12个月\n' +
      '- 前置活性炭滤芯：12个月\n' +
      '- RO反渗透膜：24–36个月\n' +
      '- 后置活性炭滤芯：12个月\n\n' +
      '机身滤芯指示灯变红或「暖居智家」App提示到期时就该更换了。暖居滤芯是旋转式设计，可以自己换：关闭进水阀并断电，逆时针旋下旧滤芯，装上新滤芯后通电放水冲洗5分钟即可。原装滤芯可在商城「滤芯专区」购买。',
    similar: ['滤芯多久换', '净水器滤芯怎么换', '滤芯灯红了', '净水器滤芯在哪买'],
    keywords: ['滤芯', '更换周期', '净水器'],
    views: 1873,
    helpful: 246,
    notHelpful: 18,
    enabled: true,
  },
  {
    _id: 'faq-027',
    categoryId: 'cat-usage',
    question: '净水器的水有怪味，TDS值变高了正常吗？',
    answer:
      '新机刚装好时有轻微的塑料味或活性炭味属于正常，连续放水10–15分钟、使用几天后会消失。家里几天没用水时，第一次用前先放水2–3分钟。\n\n' +
      'RO净水器出水TDS一般在50以下，如果持续明显升高，通常说明RO膜快到寿命了，请检查滤芯是否需要更换。味道一直不消失或者出水有明显异色，请停止饮用并联系在线客服。',
    similar: ['净水器出水有味道', 'TDS变高了', '净水器的水有塑料味', '净水器水不好喝了'],
    keywords: ['净水器', 'TDS', '异味'],
    views: 254,
    helpful: 33,
    notHelpful: 4,
    enabled: true,
  },
  {
    _id: 'faq-028',
    categoryId: 'cat-usage',
    question: '扫地机器人找不到充电座，回不去充电怎么办？',
    answer:
      '回充失败大多和充电座的摆放有关：\n\n' +
      '- 充电座背面靠墙放，左右各留0.5米、前方留1.5米以上的空间\n' +
      '- 避开阳光直射、落地镜和深色反光地面\n' +
      '- 用干布擦一擦充电座和机器底部的充电触点\n\n' +
      '如果移动过充电座的位置，建议在「暖居智家」App中重新建图。调整后仍然回充失败，可以在「服务预约」中预约「到店维修」检测。',
    similar: ['扫地机不回充', '扫地机器人找不到底座', '扫地机没电停在半路', '回充失败'],
    keywords: ['扫地机器人', '回充', '充电座'],
    views: 437,
    helpful: 58,
    notHelpful: 7,
    enabled: true,
  },
  {
    _id: 'faq-029',
    categoryId: 'cat-usage',
    question: '扫地机器人连不上Wi-Fi，配网失败怎么办？',
    answer:
      '请按以下步骤重新配网：\n\n' +
      '1. 手机连接家里的2.4GHz Wi-Fi（暂不支持5GHz），并打开手机的定位权限\n' +
      '2. 打开「暖居智家」App，点击右上角「+」添加设备\n' +
      '3. 同时长按机器上的「回充」和「清扫」键3秒，听到「进入配网模式」提示音\n' +
      '4. 按App提示输入Wi-Fi密码，等待连接完成\n\n' +
      'Wi-Fi名称里尽量不要有特殊符号，配网时机器离路由器近一点。双频合一的路由器，可以在路由器设置里临时关掉5GHz再试。',
    similar: ['扫地机连不上网', '扫地机器人怎么连手机', '配网失败', 'App添加不了设备'],
    keywords: ['配网', 'Wi-Fi', '暖居智家App'],
    views: 563,
    helpful: 79,
    notHelpful: 13,
    enabled: true,
  },
  {
    _id: 'faq-030',
    categoryId: 'cat-usage',
    question: '扫地机器人提示E5主刷卡住了怎么处理？',
    answer:
      'E5表示主刷转动受阻，一般是缠上了头发、线头或者卡了小物件。\n\n' +
      '关机后把机器翻过来，按下主刷盖板的卡扣取出主刷，剪掉缠绕的毛发，同时清理主刷两端的轴承处，装回后重新开机即可。建议每周清理一次主刷，每6–12个月更换一次。',
    similar: ['扫地机报E5', '主刷缠头发了', '扫地机器人滚刷不转', '扫地机提示主刷异常'],
    keywords: ['扫地机器人', 'E5', '主刷'],
    views: 198,
    helpful: 31,
    notHelpful: 2,
    enabled: true,
  },

  // ----- 维修与保修 -----
  {
    _id: 'faq-031',
    categoryId: 'cat-repair',
    question: '暖居家电保修多长时间？',
    answer:
      '保修期从签收或安装完成之日起计算，各品类如下：\n\n' +
      '- 空调：整机6年，压缩机10年\n' +
      '- 电热水器：整机3年，内胆8年\n' +
      '- 净水器：整机1年，滤芯属于耗材，不在保修范围内\n' +
      '- 扫地机器人：整机1年，电池1年\n\n' +
      '保修期内因产品质量问题产生的维修，上门费、人工费和配件费全部免费。人为损坏、私自拆修、进水或不可抗力造成的损坏不在免费保修范围内。您可以在「我的家电」查看每台产品的保修到期时间。',
    similar: ['保修期多久', '空调保修几年', '热水器保几年', '还在不在保修期', '压缩机保修多久'],
    keywords: ['保修期', '保修政策', '三包'],
    views: 3614,
    helpful: 437,
    notHelpful: 35,
    enabled: true,
  },
  {
    _id: 'faq-032',
    categoryId: 'cat-repair',
    question: '家电坏了怎么报修？',
    answer:
      '根据产品大小，有两种报修方式：\n\n' +
      '- 空调、热水器等需要上门的：联系在线客服，说明产品型号、故障现象和故障代码，最好附上照片或视频，客服会为您登记维修单并派工程师上门，工程师会提前电话和您约时间\n' +
      '- 扫地机器人、净水器主机等方便携带的：在「服务预约」中选择「到店维修」，预约附近网点的时间送修\n\n' +
      '问题比较复杂、一时说不清楚的，可以在「服务预约」中预约「电话回访」，客服专员会按约定时间给您回电。',
    similar: ['怎么报修', '空调坏了找谁修', '维修电话是多少', '热水器坏了怎么办', '预约维修'],
    keywords: ['报修', '上门维修', '到店维修'],
    views: 2487,
    helpful: 289,
    notHelpful: 23,
    enabled: true,
  },
  {
    _id: 'faq-033',
    categoryId: 'cat-repair',
    question: '过了保修期维修怎么收费？',
    answer:
      '保外维修按《暖居服务收费标准》收取，费用由以下几部分组成：\n\n' +
      '- 上门检测费：50元，确认维修并完成的，检测费免收\n' +
      '- 配件费：按官方配件价格收取，可以向在线客服或工程师查询\n' +
      '- 维修人工费：按维修项目收取，例如空调加冷媒、更换主板\n\n' +
      '工程师会先检测并报价，您同意后才会开始维修，完工后开具电子收费单。保外维修更换的配件享受90天保修。',
    similar: ['过保了修要多少钱', '保外维修收费标准', '上门检测要钱吗', '换个主板多少钱'],
    keywords: ['保外维修', '收费标准', '检测费'],
    views: 1106,
    helpful: 124,
    notHelpful: 29,
    enabled: true,
  },
  {
    _id: 'faq-034',
    categoryId: 'cat-repair',
    question: '延保是什么？值得买吗？怎么买？',
    answer:
      '「暖心保」延保服务可以在原厂保修期结束后继续延长1–3年，保障范围和原厂保修一致，期间维修不收上门费、人工费和配件费。\n\n' +
      '产品签收后90天内可以购买，在商城「延保服务」中选择产品并填写机身铭牌上的SN码即可。空调、热水器这类使用年限长的产品，比较推荐加购；延保生效后可在「我的家电」中查看。',
    similar: ['延保怎么买', '暖心保是什么', '可以延长保修吗', '延保包括什么'],
    keywords: ['延保', '暖心保', 'SN码'],
    views: 623,
    helpful: 64,
    notHelpful: 11,
    enabled: true,
  },
  {
    _id: 'faq-035',
    categoryId: 'cat-repair',
    question: '发票丢了，还能保修吗？',
    answer:
      '可以。通过暖居官方渠道（微信商城、京东和天猫官方旗舰店）购买并完成安装或激活的产品，会自动生成电子保修卡，可在「我的家电」中查看，保修时不需要再出示纸质发票。\n\n' +
      '如果找不到任何购买凭证，将按照机身SN码对应的出厂日期往后顺延3个月开始计算保修期。',
    similar: ['没有发票能保修吗', '购买凭证找不到了', '电子保修卡在哪看', '保修要发票吗'],
    keywords: ['保修凭证', '电子保修卡', '发票'],
    views: 412,
    helpful: 57,
    notHelpful: 5,
    enabled: true,
  },
  {
    _id: 'faq-036',
    categoryId: 'cat-repair',
    question: '哪些产品可以送到店里修？服务网点在哪？',
    answer:
      '扫地机器人、净水器主机等方便携带的产品，可以选择到店维修，通常当天就能检测出结果，常见故障可当场修好。\n\n' +
      '在「服务预约」中选择「到店维修」，就能看到附近的暖居授权服务网点和可约时段，按预约时间到店无需排队。到店时请带上产品主机、相关配件（如扫地机器人的充电座），有购买凭证的一并带上。',
    similar: ['附近有维修点吗', '可以送去店里修吗', '服务网点地址', '扫地机器人去哪里修'],
    keywords: ['到店维修', '服务网点'],
    views: 287,
    helpful: 35,
    notHelpful: 6,
    enabled: true,
  },

  // ----- 退换货 -----
  {
    _id: 'faq-037',
    categoryId: 'cat-returns',
    question: '支持7天无理由退货吗？',
    answer:
      '支持。暖居微信商城的订单自签收之日起7天内，商品保持原有品质和功能、外观完好、配件和赠品齐全、不影响二次销售的，可以申请7天无理由退货。\n\n' +
      '空调、热水器、净水器已经安装使用的，视为影响二次销售，不再适用无理由退货，但如果有质量问题，不受此限制。\n\n' +
      '申请方式：在「我的订单」点击「申请售后」，选择「退货退款」，按页面提示填写原因即可。',
    similar: ['能无理由退货吗', '7天能退吗', '不想要了能退吗', '没拆封可以退吗', '空调装了能退吗'],
    keywords: ['7天无理由', '退货', '申请售后'],
    views: 2934,
    helpful: 351,
    notHelpful: 42,
    enabled: true,
  },
  {
    _id: 'faq-038',
    categoryId: 'cat-returns',
    question: '买回来有质量问题，可以换新机吗？',
    answer:
      '可以。签收后15天内出现性能故障的，可以选择换货或退货：\n\n' +
      '1. 联系在线客服报修，工程师上门检测，小件也可以在「服务预约」中预约「到店维修」检测\n' +
      '2. 确认属于产品质量问题后，工程师出具检测单\n' +
      '3. 在「我的订单」提交换货申请并上传检测单，新机发出时旧机同步取回\n\n' +
      '超过15天、仍在保修期内的质量问题，按保修政策免费维修。',
    similar: ['15天包换吗', '新买的就坏了能换吗', '质量问题换货流程', '刚装好就出故障'],
    keywords: ['换货', '15天', '质量问题', '检测单'],
    views: 1387,
    helpful: 162,
    notHelpful: 21,
    enabled: true,
  },
  {
    _id: 'faq-039',
    categoryId: 'cat-returns',
    question: '退货需要自己寄回吗？运费谁出？',
    answer:
      '空调、热水器等大件退货由我们安排物流上门取件，不需要您自己打包寄送；净水器、扫地机器人等小件可以预约快递上门取件，或者自行寄回退货地址。\n\n' +
      '因质量问题、发错货或运输损坏产生的退货，来回运费由暖居承担。7天无理由退货的运费由您承担，小件一般按首重快递费收取，大件按页面显示的退货运费收取，会从退款中扣除。',
    similar: ['退货运费谁承担', '退货要自己寄吗', '大件怎么退', '退货地址是哪里'],
    keywords: ['退货运费', '上门取件'],
    views: 526,
    helpful: 60,
    notHelpful: 10,
    enabled: true,
  },
  {
    _id: 'faq-040',
    categoryId: 'cat-returns',
    question: '退款多久能到账？',
    answer:
      '仓库收到退货并验收无误后，1–2个工作日内发起退款，钱会原路退回：\n\n' +
      '- 微信零钱：一般即时到账\n' +
      '- 银行储蓄卡、信用卡：1–5个工作日\n' +
      '- 信用卡分期：按发卡银行的规则退回，已产生的分期手续费由商城承担\n\n' +
      '订单使用的优惠券如果还在有效期内，会一并退回到您的账户；订单获得的积分会被扣回。退款进度可在「我的订单」的售后详情中查看。',
    similar: ['退款什么时候到', '退款多久到账', '钱怎么还没退回来', '退款退到哪里'],
    keywords: ['退款', '到账时间'],
    views: 1679,
    helpful: 193,
    notHelpful: 26,
    enabled: true,
  },

  // ----- 会员与账户 -----
  {
    _id: 'faq-041',
    categoryId: 'cat-account',
    question: '会员等级怎么升级？不同等级有什么权益？',
    answer:
      '会员等级由成长值决定，在商城每消费1元积累1点成长值，完成评价、完善家电档案也能获得成长值：\n\n' +
      '- 普通会员：注册即享，生日礼券\n' +
      '- 银卡会员（成长值1000）：每月包邮券、积分加速1.2倍\n' +
      '- 金卡会员（成长值5000）：每年1次免费空调清洗、维修优先派单\n' +
      '- 黑金会员（成长值20000）：专属客服通道、延保服务8折\n\n' +
      '当前等级和成长值可以在「我的」-「会员中心」查看。',
    similar: ['会员怎么升级', 'VIP有什么好处', '金卡会员有什么权益', '成长值怎么获得'],
    keywords: ['会员等级', '成长值', '会员权益'],
    views: 534,
    helpful: 58,
    notHelpful: 9,
    enabled: true,
  },
  {
    _id: 'faq-042',
    categoryId: 'cat-account',
    question: '积分怎么获得？可以抵现吗？会过期吗？',
    answer:
      '积分获取途径：商城购物每消费1元得1积分，另外每日签到、晒单评价、完成服务后评价也能获得积分。\n\n' +
      '积分使用：下单时100积分可抵扣1元，单笔最多抵扣实付金额的10%；也可以在「积分商城」兑换滤芯优惠券、清洗服务券等。\n\n' +
      '积分有效期：每年获得的积分在次年12月31日到期清零，例如2024年获得的积分在2025年12月31日到期，请在「我的」-「积分」中留意到期提醒。',
    similar: ['积分有什么用', '积分能当钱用吗', '积分会清零吗', '怎么赚积分', '积分兑换'],
    keywords: ['积分', '抵现', '积分过期', '积分商城'],
    views: 817,
    helpful: 94,
    notHelpful: 13,
    enabled: true,
  },
  {
    _id: 'faq-043',
    categoryId: 'cat-account',
    question: '手机号换了，怎么修改绑定的手机号？',
    answer:
      '原手机号还能收到短信的，在「我的」-「账户设置」-「手机号」中，先验证原手机号，再输入并验证新手机号即可。\n\n' +
      '原手机号已经停用的，请选择「原号码无法使用」，提交姓名和最近一笔订单的订单号，人工审核通过后1个工作日内完成换绑。更换手机号后，您的订单、预约、保修和积分信息都不受影响。',
    similar: ['怎么换手机号', '手机号不用了怎么改', '换绑手机号', '原来的号码收不到验证码'],
    keywords: ['手机号', '换绑', '账户设置'],
    views: 376,
    helpful: 44,
    notHelpful: 5,
    enabled: true,
  },
  {
    _id: 'faq-044',
    categoryId: 'cat-account',
    question: '怎么注销账号，删除我的个人信息？',
    answer:
      '在「我的」-「账户设置」-「隐私与数据」中，可以单独删除客服聊天记录，也可以申请注销账号。注销前请确认：\n\n' +
      '- 没有未完成的订单、售后或服务预约\n' +
      '- 账户中的积分、优惠券和会员等级在注销后会全部清空，且无法恢复\n\n' +
      '提交注销申请后有7天冷静期，期间重新登录即可撤销。冷静期结束后，我们会删除或匿名化处理您的个人信息；按照法律法规要求必须保存的交易和发票记录，会在法定期限届满后删除。',
    similar: ['怎么注销账户', '删除我的信息', '不想用了怎么注销', '怎么删除聊天记录'],
    keywords: ['注销账号', '删除数据', '隐私'],
    views: 143,
    helpful: 19,
    notHelpful: 3,
    enabled: true,
  },
  {
    _id: 'faq-045',
    categoryId: 'cat-account',
    question: '和客服的聊天记录会保存多久？别人能看到吗？',
    answer:
      '为了跟进您的问题和保障服务质量，聊天记录会保存2年，期满后自动删除。\n\n' +
      '只有接待您的客服、负责服务质检和管理的工作人员能够查看，并且每次查看都有记录可查；我们不会把聊天内容提供给第三方用于营销。您也可以随时在「我的」-「账户设置」-「隐私与数据」中删除自己的聊天记录。',
    similar: ['聊天记录会被保存吗', '客服能看到我的信息吗', '聊天内容安全吗', '聊天记录保存多久'],
    keywords: ['聊天记录', '隐私', '数据安全'],
    views: 96,
    helpful: 14,
    notHelpful: 1,
    enabled: true,
  },
];

// ---------------------------------------------------------------------------
// Skill groups
// ---------------------------------------------------------------------------

export const skillGroups: SeedGroup[] = [
  {
    _id: 'grp-presales',
    name: '售前咨询',
    description: '选购推荐、下单支付、发票、物流配送和会员积分相关问题',
    isDefault: false,
    categoryIds: ['cat-product', 'cat-order', 'cat-delivery', 'cat-account'],
    mode: 'least_loaded',
  },
  {
    _id: 'grp-aftersales',
    name: '售后服务',
    description: '安装预约、使用故障、维修保修和退换货；未分类的咨询默认进入本组',
    isDefault: true,
    categoryIds: ['cat-install', 'cat-usage', 'cat-repair', 'cat-returns'],
    mode: 'least_loaded',
  },
];

// ---------------------------------------------------------------------------
// Users (demo openids)
// ---------------------------------------------------------------------------

export const users: SeedUser[] = [
  { _id: 'demo-admin', role: 'admin', name: '陈立峰', groups: [], capacity: 0 },
  {
    _id: 'demo-supervisor',
    role: 'supervisor',
    name: '王静怡',
    groups: ['grp-presales', 'grp-aftersales'],
    capacity: 0,
  },
  { _id: 'demo-qa', role: 'qa', name: '刘佳敏', groups: [], capacity: 0 },
  { _id: 'demo-agent-1', role: 'agent', name: '客服小暖', groups: ['grp-presales'], capacity: 5 },
  { _id: 'demo-agent-2', role: 'agent', name: '客服小居', groups: ['grp-presales'], capacity: 5 },
  { _id: 'demo-agent-3', role: 'agent', name: '售后阿杰', groups: ['grp-aftersales'], capacity: 5 },
  { _id: 'demo-agent-4', role: 'agent', name: '售后小雨', groups: ['grp-aftersales'], capacity: 3 },
  {
    _id: 'demo-customer-1',
    role: 'customer',
    name: '张晓雯',
    groups: [],
    capacity: 0,
    vip: true,
    phone: '13800138000',
  },
  { _id: 'demo-customer-2', role: 'customer', name: '李建国', groups: [], capacity: 0, phone: '13912345678' },
  { _id: 'demo-customer-3', role: 'customer', name: '周婷', groups: [], capacity: 0, phone: '18600002468' },
];

// ---------------------------------------------------------------------------
// Bookable services
// ---------------------------------------------------------------------------

export const services: SeedService[] = [
  {
    _id: 'svc-install',
    name: '上门安装',
    description: '空调、热水器、净水器上门安装调试，标准安装免费，超出部分按收费标准收取材料费',
    durationMinutes: 120,
    capacityPerSlot: 4,
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    hours: { start: '09:00', end: '17:00' },
    leadHours: 24,
    maxDaysAhead: 14,
    enabled: true,
  },
  {
    _id: 'svc-store-repair',
    name: '到店维修',
    description: '扫地机器人、净水器主机等小件送到授权服务网点检测维修，按预约时间到店无需排队',
    durationMinutes: 60,
    capacityPerSlot: 3,
    workingDays: [1, 2, 3, 4, 5, 6],
    hours: { start: '09:00', end: '18:00' },
    leadHours: 2,
    maxDaysAhead: 14,
    enabled: true,
  },
  {
    _id: 'svc-callback',
    name: '电话回访',
    description: '预约客服专员在指定时间给您回电，适合复杂问题的详细沟通',
    durationMinutes: 30,
    capacityPerSlot: 5,
    workingDays: [1, 2, 3, 4, 5],
    hours: { start: '09:00', end: '20:00' },
    leadHours: 1,
    maxDaysAhead: 14,
    enabled: true,
  },
  {
    _id: 'svc-cleaning',
    name: '上门清洗',
    description: '空调拆洗蒸发器和风轮、热水器除垢，金卡及以上会员每年可免费清洗一次',
    durationMinutes: 90,
    capacityPerSlot: 2,
    workingDays: [1, 2, 3, 4, 5, 6, 7],
    hours: { start: '09:00', end: '18:00' },
    leadHours: 24,
    maxDaysAhead: 14,
    enabled: true,
  },
];

// ---------------------------------------------------------------------------
// Team quick replies (话术库), kept by the supervisor
// ---------------------------------------------------------------------------

export const quickReplies: SeedQuickReply[] = [
  {
    _id: 'qr-greeting',
    owner: null,
    scope: 'team',
    title: '欢迎语',
    text: '您好{客户昵称}，我是客服{客服昵称}，很高兴为您服务。请问有什么可以帮您？',
    updatedBy: 'demo-supervisor',
  },
  {
    _id: 'qr-wait',
    owner: null,
    scope: 'team',
    title: '请稍等',
    text: '好的{客户昵称}，我这边帮您查询一下，请稍等1～2分钟。',
    updatedBy: 'demo-supervisor',
  },
  {
    _id: 'qr-order-number',
    owner: null,
    scope: 'team',
    title: '查询订单',
    text: '麻烦您提供一下订单号（在「我的订单」里可以看到），我帮您查询订单和物流状态。',
    updatedBy: 'demo-supervisor',
  },
  {
    _id: 'qr-aftersales',
    owner: null,
    scope: 'team',
    title: '售后流程',
    text: '{客户昵称}您好，售后流程是：1. 在「我的订单」中申请售后并描述问题；2. 我们会在24小时内审核；3. 审核通过后安排师傅上门检测或寄回维修。您也可以在「服务预约」里直接预约上门维修。',
    updatedBy: 'demo-supervisor',
  },
  {
    _id: 'qr-install',
    owner: null,
    scope: 'team',
    title: '预约安装',
    text: '空调、热水器和净水器都提供免费标准安装。您可以在「服务预约」里选择上门安装的时间，师傅会在上门前1小时电话联系您。',
    updatedBy: 'demo-supervisor',
  },
  {
    _id: 'qr-closing',
    owner: null,
    scope: 'team',
    title: '结束语',
    text: '感谢您的耐心，{客户昵称}。今天（{日期}）的问题如果还有疑问，随时联系我们。祝您生活愉快！',
    updatedBy: 'demo-supervisor',
  },
];
