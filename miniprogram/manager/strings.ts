// Every user-facing sentence of the manager subpackage.
import type { InviteView } from '../../core/api';

export const TEXT = {
  title: '管理后台',
  greeting: (name: string, role: string) => `你好，${name}（${role}）`,
  unnamed: '同事',
  tabs: {
    staff: '员工与角色',
    invites: '邀请',
    audit: '操作日志',
  },
  needsAdmin: '员工、角色与邀请等配置需要管理员操作。如需调整，请联系管理员。',
  notStaff: '此页面仅供管理员和主管使用',
  staff: {
    empty: '还没有员工，去「邀请」里邀请同事加入吧',
    me: '（我）',
    noGroups: '未分组',
    groups: (groups: string[]) => `技能组：${groups.join('、')}`,
    chooseRole: '修改角色',
    chooseRoleHint: (name: string) => `为「${name}」选择新角色`,
    removeFromTeam: '客户（移出团队）',
    cancel: '取消',
    confirmTitle: '确认修改角色',
    confirmBody: (name: string, from: string, to: string) => `将「${name}」的角色从「${from}」改为「${to}」？`,
    confirm: '确认修改',
    done: '角色已修改',
    notSelf: '不能修改自己的角色',
  },
  invites: {
    createTitle: '邀请同事',
    role: '角色',
    name: '姓名',
    namePlaceholder: '选填，方便识别',
    validity: '有效期',
    validityOptions: [
      { hours: 24, label: '1 天' },
      { hours: 72, label: '3 天' },
      { hours: 168, label: '7 天' },
    ],
    create: '生成邀请码',
    creating: '正在生成…',
    createdTitle: '邀请码已生成',
    createdHint: '邀请码只显示这一次，请复制链接发给同事。',
    code: '邀请码',
    expiresAt: (at: string) => `有效期至 ${at}`,
    link: '邀请链接',
    copy: '复制链接',
    copied: '已复制',
    listTitle: '邀请记录',
    empty: '还没有邀请记录',
    revoke: '撤销',
    revokeTitle: '撤销邀请',
    revokeBody: (label: string) => `撤销后「${label}」的邀请码将无法使用，确定撤销？`,
    revokeConfirm: '撤销',
    revoked: '已撤销',
    usedBy: (who: string) => `使用者：${who}`,
  },
  audit: {
    empty: '暂无操作记录',
    by: (actor: string, at: string) => `${actor} · ${at}`,
    change: (before: string, after: string) => `${before} → ${after}`,
  },
} as const;

export const INVITE_STATUS_LABELS: Record<InviteView['status'], string> = {
  open: '待使用',
  used: '已使用',
  revoked: '已撤销',
  expired: '已过期',
};

/** Audit actions are `function.action` or a bare action name; unknown ones are shown as recorded. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  claim: '设置首位管理员',
  invite: '创建邀请',
  revokeInvite: '撤销邀请',
  acceptInvite: '接受邀请',
  setRole: '修改角色',
};
