import { useRouter } from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { ROLE_LABELS } from '../../../core/roles';
import { call } from '../../api/client';
import { CodeForm, successButton, successLine } from '../../components/CodeForm';
import { Button } from '../../components/nutui';
import { go, mayOpenDesk, mayOpenManager, param, routes } from '../../utils/routes';

const TEXT = {
  intro: '输入管理员发给您的邀请码，加入后即可使用客服工具。',
  code: '邀请码',
  codePlaceholder: '请输入邀请码',
  name: '姓名',
  namePlaceholder: '选填，同事和客户将看到这个名字',
  submit: '加入团队',
  submitting: '正在加入…',
  needCode: '请输入邀请码',
  invalidInput: '邀请码或姓名格式不正确',
  success: '已加入团队',
  role: (label: string) => `您的角色：${label}`,
  welcome: (name: string) => `欢迎你，${name}`,
  toDesk: '进入客服工作台',
  toManager: '进入管理后台',
} as const;

const BLOCK = 'kefu-join';

export default function JoinPage() {
  const { params } = useRouter<{ code?: string }>();
  return (
    <CodeForm
      block={BLOCK}
      text={TEXT}
      initialCode={param(params.code)}
      codeMaxLength={64}
      onSubmit={(code, name) => call('admin', 'acceptInvite', name ? { code, name } : { code })}
      renderSuccess={(joined) => (
        <>
          {joined.name ? <Text className={successLine(BLOCK)}>{TEXT.welcome(joined.name)}</Text> : null}
          <Text className={`${successLine(BLOCK)} kefu-join__role`}>{TEXT.role(ROLE_LABELS[joined.role])}</Text>
          {mayOpenDesk(joined.role) ? (
            <Button className={successButton(BLOCK)} type="primary" block onClick={() => go(routes.agentDesk)}>
              {TEXT.toDesk}
            </Button>
          ) : null}
          {mayOpenManager(joined.role) ? (
            <Button className={successButton(BLOCK)} block onClick={() => go(routes.manager)}>
              {TEXT.toManager}
            </Button>
          ) : null}
        </>
      )}
    />
  );
}
