// What the bot and the system say in conversations, in one place (user-facing: Simplified Chinese).

export const BOT_NAME = '小暖助手';
export const SYSTEM_NAME = '系统';

export const TEXTS = {
  botGreeting: '您好，我是小暖助手，请问有什么可以帮您？如需人工服务，请发送“转人工”。',
  botFallback: '抱歉，这个问题我暂时还答不上来。您可以换个说法再问，或发送“转人工”由客服为您服务。',
  // The questions themselves travel as the message's `suggestions` and show as chips under it.
  botSuggest: '我还不太确定您想问的是哪一个，可以点选下面的问题，或换个说法再问；也可以发送“转人工”由客服为您服务。',
  botNoAnswer: '抱歉，我没有找到这个问题的答案。您可以换个说法再问，或发送“转人工”由客服为您服务。',
  queued: '正在为您转接人工客服，请稍候。',
  queuedNobodyOnline: '当前暂无客服在线，您可以继续等待，也可以留言或预约回电，我们会尽快联系您。',
  assigned: (agent: string) => `客服「${agent}」为您服务。`,
  transferredToAgent: (agent: string) => `已为您转接客服「${agent}」。`,
  transferredToGroup: '正在为您转接其他客服，请稍候。',
  returnedToQueue: '客服暂时离开，正在为您重新安排客服，您的排队位置已保留在最前。',
  queueOffer: '抱歉让您久等了。您可以继续排队，也可以先留言或预约回电，客服会尽快联系您。',
  closedByAgent: '本次会话已结束，欢迎为我们的服务打分。',
  closedByCustomer: '您已结束本次会话，欢迎为我们的服务打分。',
  botCannotReadImage: '抱歉，我暂时还看不懂图片。您可以用文字描述一下问题，或发送“转人工”由客服为您查看。',
  offHours: (hours: string) => `现在不在人工客服的服务时间（${hours}）。您可以留言，客服上班后会尽快回复您；也可以预约回电或上门服务。`,
  /** Stands for an image wherever a line of text is shown (conversation lists, notifications). */
  imagePreview: '[图片]',
  /** closeReason of a conversation the customer ended by leaving a message. */
  closedByLeftMessage: '已留言',
  rateTopic: '在线客服咨询',
  rateTip: '点击为本次服务打分',
} as const;

export const ERRORS = {
  conversationNotFound: '会话不存在',
  /** At the desk: unknown, or not the caller's to see (the same words, so neither is told apart). */
  deskConversationNotFound: '会话不存在或已不由您处理',
  closed: '会话已结束',
  notAssignedToYou: '该会话未分配给您，无法回复',
  /** Transfer of a conversation nobody holds yet (queued or still with the bot). */
  notYetAssigned: '该会话还没有客服接待，请先接入再转接',
  notYoursToTransfer: '该会话未分配给您，无法转接',
  notQueued: '该会话已不在排队中',
  notEligible: '您当前不能接待该会话（需在线、属于该技能组且未达接待上限）',
  alreadyRated: '您已评价过本次会话',
  notClosed: '会话结束后才能评价',
  alreadyHandedOff: '已在为您转接人工客服',
  groupNotFound: '技能组不存在',
  agentNotFound: '客服不存在',
  agentUnavailable: '对方当前不在线或接待已满，无法转接',
  sameAgent: '会话已在该客服名下',
  notStaffOfDesk: '只有客服可以设置在线状态',
  imageNotYours: '不能发送他人的图片',
  leaveWhileAssigned: '客服正在为您服务，可直接发送消息',
  messageNotFound: '留言不存在',
  messageAnswered: '该留言已被回复',
} as const;
