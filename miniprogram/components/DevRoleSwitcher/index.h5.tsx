// h5 (dev) only: log in as another role through the gateway's dev login, then reload.
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import '@nutui/nutui-react-taro/dist/es/packages/actionsheet/style/css';
import ActionSheet from '@nutui/nutui-react-taro/dist/es/packages/actionsheet';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/roles';
import { devLogin } from '../../api/dev-session';
import { errorText } from '../../api/errors';
import { useMe } from '../../hooks/useMe';
import './index.scss';

const TEXT = {
  title: '开发者登录',
  description: '切换身份后页面会重新加载',
  cancel: '取消',
} as const;

const OPTIONS = ROLES.map((role) => ({ name: ROLE_LABELS[role], role }));

export function DevRoleSwitcher() {
  const { me } = useMe();
  const [open, setOpen] = useState(false);

  const choose = async (role: Role) => {
    setOpen(false);
    try {
      await devLogin(role);
      window.location.reload();
    } catch (err) {
      void Taro.showToast({ title: errorText(err), icon: 'none' });
    }
  };

  // Outside Taro's router container: it shows only the router's last child as the current page.
  return createPortal(
    <View className="kefu-role-switcher" data-testid="role-switcher">
      <View className="kefu-role-switcher__button" onClick={() => setOpen(true)}>
        {TEXT.title}
        {me ? `：${ROLE_LABELS[me.role]}` : ''}
      </View>
      <ActionSheet
        visible={open}
        title={TEXT.title}
        description={TEXT.description}
        options={OPTIONS}
        cancelText={TEXT.cancel}
        onCancel={() => setOpen(false)}
        onSelect={(item) => {
          const role = ROLES.find((r) => r === item.role);
          if (role) void choose(role);
        }}
      />
    </View>,
    document.body,
  );
}
