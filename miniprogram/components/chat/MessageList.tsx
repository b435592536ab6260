// The conversation as bubbles, shared by the customer chat and the agent desk.
// The parent gives it a height (e.g. `flex: 1; min-height: 0` in a column): it scrolls by itself.
import Taro from '@tarojs/taro';
import { Image, ScrollView, Text, View } from '@tarojs/components';
import { Fragment, type ReactNode } from 'react';
import type { ChatMessage } from '../../../core/api';
import { fileUrl } from '../../api/files';
import { chatTime, needsTimeLine } from './time';
import './index.scss';

const TEXT = {
  note: '内部备注',
  /** Desk views: WeChat's content check asked for a human look at this customer message. */
  review: '内容待复核',
  suggestions: '您是不是想问：',
} as const;

export type ChatViewer = 'customer' | 'agent';

export interface SuggestionPick {
  id: string;
  question: string;
}

export interface MessageListProps {
  messages: ChatMessage[];
  /** Whose screen this is: their own messages sit on the right. */
  viewer: ChatViewer;
  onSuggestion?: (suggestion: SuggestionPick) => void;
  /** Something under a text bubble's text (the desk's 查看 of a masked message), or null. */
  bubbleExtra?: (message: ChatMessage) => ReactNode;
}

/** Ids become element ids that ScrollView finds with a CSS selector: keep them selector-safe. */
function anchorOf(message: ChatMessage): string {
  return `kefu-msg-${message.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function isOwn(message: ChatMessage, viewer: ChatViewer): boolean {
  // Agents see every staff message (theirs, colleagues', notes) on their side of the conversation.
  return viewer === 'customer' ? message.from === 'customer' : message.from === 'agent';
}

function preview(src: string): void {
  void Taro.previewImage({ urls: [src], current: src });
}

function Bubble({ message, onSuggestion, extra }: { message: ChatMessage; onSuggestion?: MessageListProps['onSuggestion']; extra?: ReactNode }) {
  if (message.kind === 'image' && message.image) {
    const src = fileUrl(message.image);
    return (
      <View className="kefu-msg__bubble kefu-msg__bubble--image">
        <Image className="kefu-msg__image" data-testid="msg-image" mode="widthFix" src={src} onClick={() => preview(src)} />
      </View>
    );
  }
  const suggestions = message.suggestions ?? [];
  return (
    <View className="kefu-msg__bubble">
      {message.kind === 'note' ? <Text className="kefu-msg__note-tag">{TEXT.note}</Text> : null}
      {message.secReview ? (
        <Text className="kefu-msg__note-tag" data-testid="msg-review">
          {TEXT.review}
        </Text>
      ) : null}
      <Text className="kefu-msg__text">
        {message.text}
      </Text>
      {extra}
      {suggestions.length > 0 ? (
        <View className="kefu-msg__suggestions">
          <Text className="kefu-msg__suggestions-title">{TEXT.suggestions}</Text>
          {suggestions.map((s) => (
            <View
              key={s.id}
              className={`kefu-msg__chip${onSuggestion ? '' : ' kefu-msg__chip--static'}`}
              data-testid="suggestion"
              onClick={() => onSuggestion?.({ id: s.id, question: s.question })}
            >
              {s.question}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

export function MessageList({ messages, viewer, onSuggestion, bubbleExtra }: MessageListProps) {
  const last = messages.at(-1);
  return (
    <ScrollView
      className="kefu-msg-list"
      data-testid="message-list"
      scrollY
      enhanced
      showScrollbar={false}
      // A new last message changes the target, which is what makes ScrollView scroll again.
      scrollIntoView={last ? anchorOf(last) : undefined}
    >
      {messages.map((message, index) => {
        const timeLine = needsTimeLine(messages[index - 1]?.createdAt, message.createdAt);
        const side = message.from === 'system' ? 'center' : isOwn(message, viewer) ? 'own' : 'other';
        return (
          <Fragment key={message.id}>
            {timeLine ? <View className="kefu-msg-list__time">{chatTime(message.createdAt)}</View> : null}
            {message.from === 'system' ? (
              <View id={anchorOf(message)} className="kefu-msg kefu-msg--system" data-testid="msg" data-from={message.from}>
                <Text className="kefu-msg__system">{message.text}</Text>
              </View>
            ) : (
              <View
                id={anchorOf(message)}
                className={`kefu-msg kefu-msg--${side} kefu-msg--${message.from}${message.kind === 'note' ? ' kefu-msg--note' : ''}`}
                data-testid="msg"
                data-from={message.from}
              >
                {side === 'other' ? <Text className="kefu-msg__author">{message.authorName}</Text> : null}
                <Bubble message={message} onSuggestion={onSuggestion} extra={bubbleExtra?.(message)} />
              </View>
            )}
          </Fragment>
        );
      })}
      <View className="kefu-msg-list__end" />
    </ScrollView>
  );
}
