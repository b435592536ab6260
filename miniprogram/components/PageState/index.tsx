// Loading, failure (with retry) and empty states, the same on every page.
import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { errorText } from '../../api/errors';
import { Button, Empty, Loading } from '../nutui';
import './index.scss';

const TEXT = {
  loading: '加载中…',
  retry: '重试',
  failed: '加载失败',
} as const;

// NutUI's default pictures are fetched from a CDN; a glyph works offline and in every mini-program.
function StateIcon({ glyph }: { glyph: string }) {
  return <Text className="kefu-state__icon">{glyph}</Text>;
}

export function LoadingState({ text = TEXT.loading }: { text?: string }) {
  return (
    <View className="kefu-state kefu-state--loading" data-testid="loading">
      <Loading type="spinner">{text}</Loading>
    </View>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <View className="kefu-state kefu-state--error" data-testid="error">
      <Empty status="error" image={<StateIcon glyph="⚠️" />} title={TEXT.failed} description={errorText(error)} size="small">
        {onRetry ? (
          <Button className="kefu-state__retry" type="primary" size="small" onClick={onRetry}>
            {TEXT.retry}
          </Button>
        ) : null}
      </Empty>
    </View>
  );
}

export function EmptyState({ text }: { text: string }) {
  return (
    <View className="kefu-state kefu-state--empty" data-testid="empty">
      <Empty status="empty" image={<StateIcon glyph="📭" />} description={text} size="small" />
    </View>
  );
}

interface PageStateProps<T> {
  data: T | undefined;
  error: unknown;
  onRetry?: () => void;
  /** Shown when the data is an empty list. */
  emptyText?: string;
  children: (data: T) => ReactNode;
}

/** Renders the right state for a useRequest result; `children` only once data is there. */
export function PageState<T>({ data, error, onRetry, emptyText, children }: PageStateProps<T>) {
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  // A reload keeps showing the previous data instead of flashing the spinner.
  if (data === undefined) return <LoadingState />;
  if (emptyText && Array.isArray(data) && data.length === 0) return <EmptyState text={emptyText} />;
  return <>{children(data)}</>;
}
