// The input bar of a chat: a growing text area, 发送, an optional picture button and a toolbar above.
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { useRef, useState, type ReactNode } from 'react';
import { MESSAGE_MAX } from '../../../core/schemas/session.schema';
import { errorText } from '../../api/client';
import { chooseChatImage, uploadChatImage } from '../../api/files';
import { Button } from '../nutui';
import { enterToSend } from './enter-to-send';
import './index.scss';

const TEXT = {
  placeholder: '请输入消息…',
  send: '发送',
  image: '图片',
  uploading: '上传中…',
} as const;

export interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSend: (text: string) => void | Promise<void>;
  /** With `uploaderId`: shows the picture button; gets the uploaded file id. */
  onImage?: (fileId: string) => void | Promise<void>;
  /** OPENID of the sender: uploads go under their folder (the functions check it). */
  uploaderId?: string;
  disabled?: boolean;
  placeholder?: string;
  /** Buttons above the input (the desk's 快捷回复 / 知识库 / 备注). */
  toolbar?: ReactNode;
}

function toast(err: unknown): void {
  void Taro.showToast({ title: errorText(err), icon: 'none' });
}

export function Composer({ value, onChange, onSend, onImage, uploaderId, disabled = false, placeholder, toolbar }: ComposerProps) {
  const [sending, setSending] = useState(false);
  const [uploading, setUploading] = useState(false);
  // A ref, not only state: a double tap (or Enter + tap) arrives before React re-renders.
  const busy = useRef(false);
  const text = value.trim();
  const canSend = !disabled && !sending && text !== '';

  const send = () => {
    if (busy.current || disabled || text === '') return;
    busy.current = true;
    setSending(true);
    void (async () => {
      try {
        await onSend(text);
      } catch (err) {
        toast(err);
      } finally {
        busy.current = false;
        setSending(false);
      }
    })();
  };

  const pickImage = async () => {
    if (!onImage || !uploaderId || uploading || disabled) return;
    try {
      const localPath = await chooseChatImage();
      if (!localPath) return;
      setUploading(true);
      const fileId = await uploadChatImage(localPath, uploaderId);
      await onImage(fileId);
    } catch (err) {
      toast(err);
    } finally {
      setUploading(false);
    }
  };

  return (
    <View className="kefu-composer" data-testid="composer">
      {toolbar ? <View className="kefu-composer__toolbar">{toolbar}</View> : null}
      <View className="kefu-composer__row">
        {onImage && uploaderId ? (
          <View
            className={`kefu-composer__image${uploading || disabled ? ' kefu-composer__image--disabled' : ''}`}
            data-testid="composer-image"
            onClick={() => void pickImage()}
          >
            {uploading ? <Text className="kefu-composer__uploading">{TEXT.uploading}</Text> : <Text className="kefu-composer__image-icon" aria-label={TEXT.image}>🖼️</Text>}
          </View>
        ) : null}
        <Textarea
          className="kefu-composer__input"
          data-testid="composer-input"
          value={value}
          placeholder={placeholder ?? TEXT.placeholder}
          maxlength={MESSAGE_MAX}
          autoHeight
          disabled={disabled}
          confirmType="send"
          showConfirmBar={false}
          adjustPosition
          cursorSpacing={16}
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={send}
          nativeProps={enterToSend(send)}
        />
        <Button className="kefu-composer__send" data-testid="composer-send" type="primary" size="small" disabled={!canSend} loading={sending} onClick={send}>
          {TEXT.send}
        </Button>
      </View>
    </View>
  );
}
