import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { WhoAmI } from '../../../core/api';
import { ROLE_LABELS } from '../../../core/roles';
import { ApiCallError, call, errorText } from '../../api/client';
import { Button, Cell, CellGroup, Input } from '../../components/nutui';
import { useMe } from '../../hooks/useMe';
import { go, mayOpenDesk, mayOpenManager, param, routes } from '../../utils/routes';
import './index.scss';

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

export default function JoinPage() {
  const { params } = useRouter<{ code?: string }>();
  const { reload: reloadMe } = useMe();
  const [code, setCode] = useState(() => param(params.code));
  const [name, setName] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState('');
  const [joined, setJoined] = useState<WhoAmI | null>(null);

  const submit = async () => {
    const trimmed = code.trim();
    if (trimmed === '') {
      setError(TEXT.needCode);
      return;
    }
    setSubmitting(true);
    setError('');
    try {
      const me = await call('admin', 'acceptInvite', name.trim() ? { code: trimmed, name: name.trim() } : { code: trimmed });
      setJoined(me);
      void reloadMe();
    } catch (err) {
      setError(err instanceof ApiCallError && err.code === 'INVALID_INPUT' ? TEXT.invalidInput : errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  if (joined) {
    return (
      <View className="kefu-page kefu-join">
        <View className="kefu-card kefu-join__success" data-testid="join-success">
          <Text className="kefu-join__success-title">{TEXT.success}</Text>
          {joined.name ? <Text className="kefu-join__line">{TEXT.welcome(joined.name)}</Text> : null}
          <Text className="kefu-join__line kefu-join__role">{TEXT.role(ROLE_LABELS[joined.role])}</Text>
          {mayOpenDesk(joined.role) ? (
            <Button className="kefu-join__button" type="primary" block onClick={() => go(routes.agentDesk)}>
              {TEXT.toDesk}
            </Button>
          ) : null}
          {mayOpenManager(joined.role) ? (
            <Button className="kefu-join__button" block onClick={() => go(routes.manager)}>
              {TEXT.toManager}
            </Button>
          ) : null}
        </View>
      </View>
    );
  }

  return (
    <View className="kefu-page kefu-join">
      <View className="kefu-join__intro">{TEXT.intro}</View>
      <CellGroup className="kefu-join__form">
        <Cell title={TEXT.code} className="kefu-join__field">
          <Input
            className="kefu-join__code"
            data-testid="join-code"
            value={code}
            placeholder={TEXT.codePlaceholder}
            maxLength={64}
            clearable
            onChange={setCode}
          />
        </Cell>
        <Cell title={TEXT.name} className="kefu-join__field">
          <Input
            className="kefu-join__name"
            data-testid="join-name"
            value={name}
            placeholder={TEXT.namePlaceholder}
            maxLength={20}
            onChange={setName}
          />
        </Cell>
      </CellGroup>
      {error ? (
        <View className="kefu-join__error" data-testid="join-error">
          {error}
        </View>
      ) : null}
      <View className="kefu-join__actions">
        <Button
          className="kefu-join__submit"
          data-testid="join-submit"
          type="primary"
          block
          loading={submitting}
          disabled={submitting}
          onClick={() => void submit()}
        >
          {submitting ? TEXT.submitting : TEXT.submit}
        </Button>
      </View>
    </View>
  );
}
