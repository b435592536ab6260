import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { WhoAmI } from '../../../core/api';
import { ApiCallError, call, errorText } from '../../api/client';
import { EmptyState, LoadingState } from '../../components/PageState';
import { Button, Cell, CellGroup, Input } from '../../components/nutui';
import { useMe } from '../../hooks/useMe';
import { go, routes } from '../../utils/routes';
import './index.scss';

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

export default function SetupPage() {
  const { me, loading, reload: reloadMe } = useMe();
  const [setupCode, setSetupCode] = useState('');
  const [name, setName] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState('');
  const [claimed, setClaimed] = useState<WhoAmI | null>(null);

  const submit = async () => {
    const trimmed = setupCode.trim();
    if (trimmed === '') {
      setError(TEXT.needCode);
      return;
    }
    setSubmitting(true);
    setError('');
    try {
      const result = await call('admin', 'claim', name.trim() ? { setupCode: trimmed, name: name.trim() } : { setupCode: trimmed });
      setClaimed(result);
      void reloadMe();
    } catch (err) {
      setError(err instanceof ApiCallError && err.code === 'INVALID_INPUT' ? TEXT.invalidInput : errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  if (claimed) {
    return (
      <View className="kefu-page kefu-setup">
        <View className="kefu-card kefu-setup__success" data-testid="setup-success">
          <Text className="kefu-setup__success-title">{TEXT.success}</Text>
          <Text className="kefu-setup__line">{TEXT.successHint}</Text>
          <Button className="kefu-setup__button" type="primary" block onClick={() => go(routes.manager)}>
            {TEXT.toManager}
          </Button>
        </View>
      </View>
    );
  }

  if (!me && loading) return <LoadingState />;
  if (me && !me.unclaimed) {
    return (
      <View className="kefu-page kefu-setup">
        <EmptyState text={TEXT.alreadyClaimed} />
      </View>
    );
  }

  return (
    <View className="kefu-page kefu-setup">
      <View className="kefu-setup__intro">{TEXT.intro}</View>
      <CellGroup className="kefu-setup__form">
        <Cell title={TEXT.code} className="kefu-setup__field">
          <Input
            className="kefu-setup__code"
            data-testid="setup-code"
            value={setupCode}
            placeholder={TEXT.codePlaceholder}
            type="password"
            maxLength={128}
            onChange={setSetupCode}
          />
        </Cell>
        <Cell title={TEXT.name} className="kefu-setup__field">
          <Input value={name} placeholder={TEXT.namePlaceholder} maxLength={20} onChange={setName} />
        </Cell>
      </CellGroup>
      {error ? (
        <View className="kefu-setup__error" data-testid="setup-error">
          {error}
        </View>
      ) : null}
      <View className="kefu-setup__actions">
        <Button
          className="kefu-setup__submit"
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
