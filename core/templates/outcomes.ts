// What a `subscribeMessage.send` error means for a notification, and whether its grant is given back.
import type { NotificationStatus } from '../api';

export interface SendFailure {
  status: Extract<NotificationStatus, 'refused' | 'invalid' | 'failed'>;
  reason: string;
  /** Give the one-time grant back: the message did not go, and WeChat did not say the user said no. */
  giveBack: boolean;
}

/**
 * 43101: the user refused or cancelled the subscription — WeChat holds none, so nothing is given back.
 * 47003: a field broke WeChat's rule (names it in errmsg: `data.thing1.value`) — nothing was sent.
 * Anything else (network, 40003 bad openid, 40037 bad template id, system errors): failed.
 */
export function classifySendError(errCode: number | undefined, errMsg = ''): SendFailure {
  if (errCode === 43101) return { status: 'refused', reason: '微信拒绝发送：用户拒绝接收此消息或已取消订阅（43101）', giveBack: false };
  if (errCode === 47003) {
    const field = /data\.[A-Za-z_]+\d*\.value/.exec(errMsg)?.[0];
    return { status: 'invalid', reason: `微信认为模板参数不符合规则（47003）${field ? `：${field}` : ''}`, giveBack: true };
  }
  if (errCode === 40037) return { status: 'failed', reason: '模板 ID 不正确，请检查模板配置（40037）', giveBack: true };
  if (errCode === 41030) return { status: 'failed', reason: '跳转页面不存在，请检查模板配置（41030）', giveBack: true };
  return { status: 'failed', reason: `发送失败（错误码 ${errCode ?? '未知'}），可稍后重试`, giveBack: true };
}
