// Chinese text normalization for FAQ matching: full-width → half-width, lower case, a compact
// traditional → simplified table (the characters customer questions actually use), filler words
// (greetings, politeness, sentence-final particles) removed. Pure: no I/O, no dictionaries loaded.

// Traditional → simplified pairs, written as two aligned strings (one character each).
const TRAD = '們個這來說對時會過還後從進開關現點發問題號碼電話機帳戶銀貸款額錢為麼樣麼嗎應該卻與當體覺讓請謝際種頁碼稱網絡連線確認證證實驗資訊條約動動務區買賣價單據幫經營業務費據長門間隊陽陰歷練戲劃幾專廣樂東車馬風飛鳥魚龍無產內給絕統結繼續編號紅紀約級係寫寶實審導將對屆層屬幹廳張強歸徑復態總戰擇擊撥據擔攤數斷於時書會條極構標樣檢權歡殘決沒準減測濟點熱爾獨現環畫當療發監盤碼確禮離種稅穩積競筆節範簡類級紙細終組結給統經綁綠線緊總練縮績繳罰羅聯聲職聽膽脫腦與舉舊葉號虧術衛補裝複見規視親覽觀計訂認討訊記設許論訪證評識試話詢該詳誤說請諮講謝證護讀變讓貝負財貨販責貨貴費貼賬賠賺購賽贈趕趨跡蹤轉輕載輸辦達遲遠適選遺邊還郵醫釋鈕銷鎖鏈長閉開閒間閱闆陸隊隨險電須頭題額願類顯飯餘館驗體鬆麥點齊';
const SIMP = '们个这来说对时会过还后从进开关现点发问题号码电话机帐户银贷款额钱为么样么吗应该却与当体觉让请谢际种页码称网络连线确认证证实验资讯条约动动务区买卖价单据帮经营业务费据长门间队阳阴历练戏划几专广乐东车马风飞鸟鱼龙无产内给绝统结继续编号红纪约级系写宝实审导将对届层属干厅张强归径复态总战择击拨据担摊数断于时书会条极构标样检权欢残决没准减测济点热尔独现环画当疗发监盘码确礼离种税稳积竞笔节范简类级纸细终组结给统经绑绿线紧总练缩绩缴罚罗联声职听胆脱脑与举旧叶号亏术卫补装复见规视亲览观计订认讨讯记设许论访证评识试话询该详误说请咨讲谢证护读变让贝负财货贩责货贵费贴账赔赚购赛赠赶趋迹踪转轻载输办达迟远适选遗边还邮医释钮销锁链长闭开闲间阅板陆队随险电须头题额愿类显饭余馆验体松麦点齐';

const T2S = new Map<string, string>();
{
  const t = Array.from(TRAD);
  const s = Array.from(SIMP);
  for (let i = 0; i < t.length && i < s.length; i++) if (t[i] !== s[i]) T2S.set(t[i]!, s[i]!);
}

/** Full-width ASCII → half-width, ideographic space → space, lower case. */
export function toHalfWidth(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0x3000) out += ' ';
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else out += ch;
  }
  return out.toLowerCase();
}

/** Common traditional characters → simplified (a compact table, not a full converter). */
export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += T2S.get(ch) ?? ch;
  return out;
}

// Greetings and politeness anywhere; particles only at the end of a clause.
const FILLERS = ['你好', '您好', '请问一下', '请问', '麻烦问一下', '麻烦问下', '麻烦', '谢谢', '打扰一下', '一下子', '一下', '哈喽', '在吗', '在不在'];
const FILLER_RE = new RegExp(FILLERS.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
const TRAILING_PARTICLES = /[呢啊吧呀哦哈嘛啦吗]+(?=[\s,.!?;:，。！？；：]|$)/g;

/** Is this character a CJK ideograph? */
export function isHan(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * The text a matcher sees: half-width, lower case, simplified, fillers removed, every run of
 * anything that is not a Han character, a letter or a digit collapsed to one space, and a space
 * between a Han run and a Latin/digit run.
 */
export function normalize(text: string): string {
  const limited = text.length > 2000 ? text.slice(0, 2000) : text;
  let t = toSimplified(toHalfWidth(limited));
  t = t.replace(FILLER_RE, ' ').replace(TRAILING_PARTICLES, ' ');
  let out = '';
  let prevHan: boolean | undefined;
  for (const ch of t) {
    const han = isHan(ch);
    const c = ch.charCodeAt(0);
    if (han || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      // Han runs and Latin/digit runs are separate tokens: "2000元" → "2000 元".
      if (prevHan !== undefined && prevHan !== han && !out.endsWith(' ')) out += ' ';
      out += ch;
      prevHan = han;
    } else if (!out.endsWith(' ')) {
      out += ' ';
      prevHan = undefined;
    }
  }
  return out.trim();
}
