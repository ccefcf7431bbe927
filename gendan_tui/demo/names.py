"""Parts of Chinese company names, personal names and addresses, with their pinyin.

Company names are built from parts whose pinyin initials are stored here, so a name's
``Customer.initials`` is the concatenation of its parts' initials (what
``core.customers.pinyin_initials`` would compute, without calling pypinyin per row).
Characters with several readings are left out of the brand words for that reason.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    """A city: its name, pinyin initials, telephone area code and districts for addresses."""

    name: str
    initials: str
    area_code: str
    districts: tuple[str, ...]


CITIES: tuple[City, ...] = (
    City("北京", "bj", "010", ("朝阳区", "海淀区", "丰台区", "东城区", "大兴区")),
    City("上海", "sh", "021", ("浦东新区", "闵行区", "徐汇区", "嘉定区", "松江区")),
    City("广州", "gz", "020", ("天河区", "越秀区", "海珠区", "白云区", "番禺区")),
    City("深圳", "sz", "0755", ("南山区", "福田区", "宝安区", "龙岗区", "罗湖区")),
    City("天津", "tj", "022", ("和平区", "河西区", "滨海新区")),
    City("杭州", "hz", "0571", ("西湖区", "滨江区", "萧山区", "余杭区")),
    City("南京", "nj", "025", ("鼓楼区", "江宁区", "玄武区")),
    City("武汉", "wh", "027", ("江汉区", "洪山区", "武昌区")),
    City("成都", "cd", "028", ("武侯区", "锦江区", "高新区")),
    City("西安", "xa", "029", ("雁塔区", "未央区", "碑林区")),
    City("苏州", "sz", "0512", ("工业园区", "吴中区", "相城区")),
    City("东莞", "dg", "0769", ("南城街道", "长安镇", "虎门镇", "松山湖")),
    City("佛山", "fs", "0757", ("南海区", "顺德区", "禅城区")),
    City("宁波", "nb", "0574", ("鄞州区", "北仑区", "江北区")),
    City("青岛", "qd", "0532", ("市南区", "崂山区", "黄岛区")),
    City("郑州", "zz", "0371", ("金水区", "二七区", "中原区")),
    City("济南", "jn", "0531", ("历下区", "槐荫区", "天桥区")),
    City("合肥", "hf", "0551", ("蜀山区", "包河区", "瑶海区")),
    City("福州", "fz", "0591", ("鼓楼区", "台江区", "仓山区")),
    City("无锡", "wx", "0510", ("梁溪区", "滨湖区", "新吴区")),
    City("常州", "cz", "0519", ("武进区", "新北区", "天宁区")),
    City("温州", "wz", "0577", ("鹿城区", "瓯海区", "龙湾区")),
    City("中山", "zs", "0760", ("石岐区", "火炬开发区", "小榄镇")),
    City("珠海", "zh", "0756", ("香洲区", "金湾区", "斗门区")),
    City("惠州", "hz", "0752", ("惠城区", "惠阳区")),
    City("汕头", "st", "0754", ("龙湖区", "金平区", "澄海区")),
    City("江门", "jm", "0750", ("蓬江区", "江海区", "新会区")),
    City("泉州", "qz", "0595", ("丰泽区", "鲤城区", "晋江市")),
    City("沈阳", "sy", "024", ("和平区", "沈河区", "浑南区")),
    City("大连", "dl", "0411", ("中山区", "沙河口区", "甘井子区")),
    City("昆明", "km", "0871", ("五华区", "盘龙区", "官渡区")),
    City("南宁", "nn", "0771", ("青秀区", "兴宁区", "西乡塘区")),
    City("石家庄", "sjz", "0311", ("桥西区", "裕华区", "新华区")),
    City("太原", "ty", "0351", ("小店区", "迎泽区", "杏花岭区")),
    City("南昌", "nc", "0791", ("东湖区", "西湖区", "青山湖区")),
    City("贵阳", "gy", "0851", ("南明区", "云岩区", "观山湖区")),
    City("义乌", "yw", "0579", ("稠城街道", "北苑街道", "江东街道")),
    City("绍兴", "sx", "0575", ("越城区", "柯桥区", "上虞区")),
    City("嘉兴", "jx", "0573", ("南湖区", "秀洲区")),
    City("烟台", "yt", "0535", ("芝罘区", "莱山区", "福山区")),
    City("潍坊", "wf", "0536", ("奎文区", "潍城区", "寒亭区")),
    City("台州", "tz", "0576", ("椒江区", "黄岩区", "路桥区")),
)

CITY_SUFFIX = ("市", "s")
"""Written after the city in some names: 广州市华信电子有限公司."""

BRAND_CHARS: tuple[tuple[str, str], ...] = (
    ("华", "hua"), ("信", "xin"), ("金", "jin"), ("鑫", "xin"), ("宏", "hong"),
    ("恒", "heng"), ("瑞", "rui"), ("泰", "tai"), ("达", "da"), ("通", "tong"),
    ("联", "lian"), ("创", "chuang"), ("新", "xin"), ("博", "bo"), ("丰", "feng"),
    ("源", "yuan"), ("明", "ming"), ("天", "tian"), ("海", "hai"), ("星", "xing"),
    ("德", "de"), ("安", "an"), ("康", "kang"), ("嘉", "jia"), ("佳", "jia"),
    ("美", "mei"), ("宇", "yu"), ("腾", "teng"), ("飞", "fei"), ("远", "yuan"),
    ("凯", "kai"), ("利", "li"), ("元", "yuan"), ("锦", "jin"), ("永", "yong"),
    ("昌", "chang"), ("荣", "rong"), ("富", "fu"), ("润", "run"), ("裕", "yu"),
    ("祥", "xiang"), ("捷", "jie"), ("辉", "hui"), ("耀", "yao"), ("晨", "chen"),
    ("欧", "ou"), ("伟", "wei"), ("顺", "shun"), ("科", "ke"), ("威", "wei"),
    ("诚", "cheng"), ("益", "yi"), ("邦", "bang"), ("汇", "hui"), ("聚", "ju"),
    ("航", "hang"), ("弘", "hong"), ("鸿", "hong"), ("振", "zhen"), ("卓", "zhuo"),
    ("越", "yue"), ("智", "zhi"), ("云", "yun"), ("峰", "feng"), ("坤", "kun"),
    ("鼎", "ding"), ("骏", "jun"), ("灿", "can"), ("帆", "fan"), ("奥", "ao"),
    ("蓝", "lan"), ("雅", "ya"), ("鹏", "peng"), ("翔", "xiang"), ("森", "sen"),
    ("茂", "mao"), ("宝", "bao"), ("旭", "xu"), ("勤", "qin"), ("铭", "ming"),
)  # fmt: skip

INDUSTRIES: tuple[tuple[str, str], ...] = (
    ("电子", "dz"), ("机械", "jx"), ("五金", "wj"), ("塑胶", "sj"), ("服饰", "fs"),
    ("家具", "jj"), ("建材", "jc"), ("化工", "hg"), ("食品", "sp"), ("包装", "bz"),
    ("印刷", "ys"), ("物流", "wl"), ("电器", "dq"), ("照明", "zm"), ("陶瓷", "tc"),
    ("纺织", "fz"), ("环保", "hb"), ("医疗器械", "ylqx"), ("汽车配件", "qcpj"),
    ("光电", "gd"), ("通讯", "tx"), ("网络", "wl"), ("信息", "xx"), ("文化传播", "whcb"),
    ("广告", "gg"), ("工艺品", "gyp"), ("玩具", "wj"), ("皮具", "pj"), ("制冷设备", "zlsb"),
    ("自动化", "zdh"), ("精密模具", "jmmj"), ("新材料", "xcl"), ("农业", "ny"),
    ("茶叶", "cy"), ("酒店用品", "jdyp"), ("教育咨询", "jyzx"), ("不锈钢", "bxg"),
    ("装饰工程", "zsgc"), ("水处理", "scl"), ("仪器仪表", "yqyb"), ("家居", "jj"),
    ("灯饰", "ds"), ("卫浴", "wy"), ("眼镜", "yj"), ("箱包", "xb"), ("鞋业", "xy"),
    ("阀门", "fm"), ("电线电缆", "dxdl"), ("办公设备", "bgsb"), ("钢结构", "gjg"),
)  # fmt: skip

COMPANY_SUFFIXES: tuple[tuple[str, str, int], ...] = (
    ("有限公司", "yxgs", 30),
    ("科技有限公司", "kjyxgs", 22),
    ("贸易有限公司", "myyxgs", 12),
    ("实业有限公司", "syyxgs", 8),
    ("制品有限公司", "zpyxgs", 6),
    ("设备有限公司", "sbyxgs", 5),
    ("进出口有限公司", "jckyxgs", 6),
    ("股份有限公司", "gfyxgs", 5),
    ("厂", "c", 6),
)
"""Legal-form endings with their initials and how often they occur."""

SURNAMES: tuple[tuple[str, str], ...] = (
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"),
    ("杨", "yang"), ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"),
    ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"), ("胡", "hu"),
    ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo"),
    ("郑", "zheng"), ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"),
    ("许", "xu"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"), ("曹", "cao"),
    ("彭", "peng"), ("萧", "xiao"), ("田", "tian"), ("董", "dong"), ("袁", "yuan"),
    ("潘", "pan"), ("蒋", "jiang"), ("蔡", "cai"), ("余", "yu"), ("杜", "du"),
    ("叶", "ye"), ("程", "cheng"), ("苏", "su"), ("魏", "wei"), ("吕", "lv"),
    ("丁", "ding"), ("任", "ren"), ("沈", "shen"), ("姚", "yao"), ("卢", "lu"),
    ("姜", "jiang"), ("崔", "cui"), ("钟", "zhong"), ("谭", "tan"), ("陆", "lu"),
    ("汪", "wang"), ("范", "fan"), ("金", "jin"), ("石", "shi"), ("廖", "liao"),
    ("贾", "jia"), ("夏", "xia"), ("韦", "wei"), ("方", "fang"), ("白", "bai"),
    ("邹", "zou"), ("孟", "meng"), ("熊", "xiong"), ("秦", "qin"), ("邱", "qiu"),
    ("江", "jiang"), ("尹", "yin"), ("薛", "xue"), ("段", "duan"), ("雷", "lei"),
    ("侯", "hou"), ("龙", "long"), ("史", "shi"), ("陶", "tao"), ("黎", "li"),
    ("贺", "he"), ("顾", "gu"), ("毛", "mao"), ("郝", "hao"), ("龚", "gong"),
    ("邵", "shao"), ("万", "wan"), ("钱", "qian"), ("严", "yan"), ("武", "wu"),
)  # fmt: skip

GIVEN_CHARS: tuple[tuple[str, str], ...] = (
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"),
    ("丽", "li"), ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"),
    ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"),
    ("明", "ming"), ("超", "chao"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
    ("桂", "gui"), ("英", "ying"), ("华", "hua"), ("玲", "ling"), ("红", "hong"),
    ("建", "jian"), ("文", "wen"), ("辉", "hui"), ("斌", "bin"), ("鑫", "xin"),
    ("宇", "yu"), ("浩", "hao"), ("婷", "ting"), ("雪", "xue"), ("琳", "lin"),
    ("晶", "jing"), ("颖", "ying"), ("倩", "qian"), ("鹏", "peng"), ("俊", "jun"),
    ("峰", "feng"), ("波", "bo"), ("丹", "dan"), ("萍", "ping"), ("欣", "xin"),
    ("梅", "mei"), ("慧", "hui"), ("燕", "yan"), ("春", "chun"), ("海", "hai"),
    ("志", "zhi"), ("国", "guo"), ("东", "dong"), ("晓", "xiao"), ("佳", "jia"),
    ("思", "si"), ("雨", "yu"), ("宁", "ning"), ("瑶", "yao"), ("璐", "lu"),
    ("蕾", "lei"), ("琦", "qi"), ("悦", "yue"), ("博", "bo"), ("帆", "fan"),
    ("凯", "kai"), ("旭", "xu"), ("亮", "liang"), ("莉", "li"), ("蓉", "rong"),
)  # fmt: skip

CONTACT_TITLES: tuple[tuple[str, int], ...] = (
    ("经理", 20),
    ("总经理", 14),
    ("行政主管", 10),
    ("办公室主任", 8),
    ("市场部经理", 8),
    ("外贸部经理", 6),
    ("网络管理员", 6),
    ("销售经理", 6),
    ("副总经理", 5),
    ("采购经理", 4),
    ("董事长", 3),
    ("财务主管", 3),
    ("行政助理", 4),
    ("前台文员", 3),
)

ROADS = (
    "人民路", "中山路", "解放路", "建设路", "科技园路", "工业大道", "创业路", "滨江路",
    "长江路", "黄河路", "新华路", "世纪大道", "环城东路", "金融街", "学府路", "兴业路",
)  # fmt: skip

MOBILE_PREFIXES = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "177", "180", "181", "182", "183",
    "186", "187", "188", "189", "198", "199",
)  # fmt: skip

_SUFFIX_WEIGHTS = tuple(weight for _, _, weight in COMPANY_SUFFIXES)


@dataclass(frozen=True)
class CompanyName:
    """A generated company name, its pinyin initials, its city and its brand in pinyin."""

    name: str
    initials: str
    city: City
    brand_pinyin: str


def company_names(rng: random.Random, count: int) -> list[CompanyName]:
    """``count`` distinct company names: city (+市) + brand word + industry + legal form."""
    seen: set[str] = set()
    names: list[CompanyName] = []
    brand_count = len(BRAND_CHARS)
    while len(names) < count:
        city = CITIES[int(rng.random() * len(CITIES))]
        first = BRAND_CHARS[int(rng.random() * brand_count)]
        second = BRAND_CHARS[int(rng.random() * brand_count)]
        if first[0] == second[0]:
            continue
        industry = INDUSTRIES[int(rng.random() * len(INDUSTRIES))]
        suffix = rng.choices(COMPANY_SUFFIXES, _SUFFIX_WEIGHTS)[0]
        with_shi = rng.random() < 0.3
        name = "".join(
            (
                city.name,
                CITY_SUFFIX[0] if with_shi else "",
                first[0],
                second[0],
                industry[0],
                suffix[0],
            )
        )
        if name in seen:
            continue
        seen.add(name)
        initials = "".join(
            (
                city.initials,
                CITY_SUFFIX[1] if with_shi else "",
                first[1][0],
                second[1][0],
                industry[1],
                suffix[1],
            )
        )
        names.append(CompanyName(name, initials, city, first[1] + second[1]))
    return names


def person_name(rng: random.Random) -> tuple[str, str]:
    """A Chinese personal name (surname + one or two characters) and its pinyin."""
    surname = SURNAMES[int(rng.random() * len(SURNAMES))]
    given = [GIVEN_CHARS[int(rng.random() * len(GIVEN_CHARS))]]
    if rng.random() < 0.6:
        given.append(GIVEN_CHARS[int(rng.random() * len(GIVEN_CHARS))])
    return surname[0] + "".join(c for c, _ in given), surname[1] + "".join(p for _, p in given)


def address(rng: random.Random, city: City) -> str:
    """A street address in ``city``."""
    district = city.districts[int(rng.random() * len(city.districts))]
    road = ROADS[int(rng.random() * len(ROADS))]
    return f"{city.name}市{district}{road}{rng.randint(1, 999)}号"
