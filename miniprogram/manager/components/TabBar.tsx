import { View } from '@tarojs/components';

interface Tab<K extends string> {
  key: K;
  title: string;
}

/**
 * A plain tab bar. NutUI's Tabs slide their panes with a CSS transform, and a transformed ancestor traps
 * `position: fixed` popups (the role sheet, the confirm dialogs) inside the pane; plain Views do not.
 */
export function TabBar<K extends string>({ tabs, value, onChange }: { tabs: readonly Tab<K>[]; value: K; onChange: (key: K) => void }) {
  return (
    <View className="kefu-tabbar">
      {tabs.map((tab) => (
        <View
          key={tab.key}
          className={`kefu-tabbar__item${tab.key === value ? ' kefu-tabbar__item--active' : ''}`}
          data-testid={`tab-${tab.key}`}
          onClick={() => onChange(tab.key)}
        >
          {tab.title}
        </View>
      ))}
    </View>
  );
}
