// Pill choices and tab bars of the desk pages.
import { View } from '@tarojs/components';
import './agent.scss';

export interface Choice<T extends string> {
  value: T;
  label: string;
  testId?: string;
}

/** One of a few values as pills (agent status, close result, routing mode…). */
export function Chips<T extends string>({ choices, value, onChange }: { choices: Choice<T>[]; value: T | null; onChange: (value: T) => void }) {
  return (
    <View className="kefu-chips">
      {choices.map((c) => (
        <View key={c.value} className={`kefu-chip${c.value === value ? ' kefu-chip--active' : ''}`} data-testid={c.testId} onClick={() => onChange(c.value)}>
          {c.label}
        </View>
      ))}
    </View>
  );
}

/** A tab bar; the content below is the caller's. */
export function Tabs<T extends string>({ choices, value, onChange }: { choices: Choice<T>[]; value: T; onChange: (value: T) => void }) {
  return (
    <View className="kefu-tabs">
      {choices.map((c) => (
        <View key={c.value} className={`kefu-tab${c.value === value ? ' kefu-tab--active' : ''}`} data-testid={c.testId} onClick={() => onChange(c.value)}>
          {c.label}
        </View>
      ))}
    </View>
  );
}
