import { Text, View } from '@tarojs/components';
import { call } from '../../api/client';
import { CodeForm, successButton, successLine } from '../../components/CodeForm';
import { EmptyState, LoadingState } from '../../components/PageState';
import { Button } from '../../components/nutui';
import { useMe } from '../../hooks/useMe';
import { go, routes } from '../../utils/routes';

const TEXT = {
  intro: '系统尚未设置管理员。请输入部署时配置的设置码，您将成为第一位管理员。',
  code: '设置码',
  codePlaceholder: '请输入设置码',
  name: '姓名',
  namePlaceholder: '选填',
  submit: '成为管理员',
  submitting: '正在设置…',
  needCode: '请输入设置码',
  invalidInput: '设置码或姓名格式不正确',
  alreadyClaimed: '系统已设置管理员。如需加入团队，请向管理员索取邀请码。',
  success: '设置完成',
  successHint: '您已成为管理员，可以邀请同事加入团队。',
  toManager: '进入管理后台',
} as const;

const BLOCK = 'kefu-setup';

export default function SetupPage() {
  const { me, loading } = useMe();
  if (!me && loading) return <LoadingState />;
  if (me && !me.unclaimed) {
    return (
      <View className={`kefu-page ${BLOCK}`}>
        <EmptyState text={TEXT.alreadyClaimed} />
      </View>
    );
  }
  return (
    <CodeForm
      block={BLOCK}
      text={TEXT}
      codeMaxLength={128}
      secret
      onSubmit={(setupCode, name) => call('admin', 'claim', name ? { setupCode, name } : { setupCode })}
      renderSuccess={() => (
        <>
          <Text className={successLine(BLOCK)}>{TEXT.successHint}</Text>
          <Button className={successButton(BLOCK)} type="primary" block onClick={() => go(routes.manager)}>
            {TEXT.toManager}
          </Button>
        </>
      )}
    />
  );
}
