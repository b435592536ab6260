// The answer editor's toolbar: insert an image (an https or cloud:// address) or a link to a customer
// page, as the markup AnswerText renders — so staff never type brackets on a phone keyboard.
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button, Input, Popup } from '../../components/nutui';
import { FAQ_TEXT } from './FaqStrings';
import './Faq.scss';

const T = FAQ_TEXT.answerTools;

/** Customer pages an answer may link to (main package only; AnswerText refuses anything else). */
export const LINKABLE_PAGES: ReadonlyArray<{ path: string; label: string }> = [
  { path: '/pages/book/index', label: '预约服务' },
  { path: '/pages/appointments/index', label: '我的预约' },
  { path: '/pages/chat/index', label: '在线客服' },
  { path: '/pages/messages/index?leave=1', label: '留言' },
  { path: '/pages/conversations/index', label: '我的会话' },
];

const IMAGE_ADDRESS = /^(https:\/\/|cloud:\/\/)[^\s"'<>()]+$/;

/** `answer` with `block` appended on a line of its own. */
export function appendLine(answer: string, block: string): string {
  const trimmed = answer.replace(/\s+$/, '');
  return trimmed ? `${trimmed}\n${block}` : block;
}

type Tool = 'image' | 'link' | null;

export function AnswerTools({ answer, onChange }: { answer: string; onChange: (next: string) => void }) {
  const [tool, setTool] = useState<Tool>(null);
  const [address, setAddress] = useState('');
  const [caption, setCaption] = useState('');
  const [page, setPage] = useState(LINKABLE_PAGES[0]!.path);
  const [words, setWords] = useState('');

  const close = () => {
    setTool(null);
    setAddress('');
    setCaption('');
    setWords('');
  };

  const insertImage = () => {
    const src = address.trim();
    if (!IMAGE_ADDRESS.test(src)) return void Taro.showToast({ title: T.badAddress, icon: 'none' });
    onChange(appendLine(answer, `![${caption.trim().replace(/[[\]]/g, '')}](${src})`));
    close();
  };

  const insertLink = () => {
    const label = (words.trim() || LINKABLE_PAGES.find((p) => p.path === page)!.label).replace(/[[\]]/g, '');
    onChange(appendLine(answer, `[${label}](${page})`));
    close();
  };

  return (
    <View className="kefu-faq__tools" data-testid="answer-tools">
      <Text className="kefu-faq__tool" data-testid="insert-image" onClick={() => setTool('image')}>
        {T.image}
      </Text>
      <Text className="kefu-faq__tool" data-testid="insert-link" onClick={() => setTool('link')}>
        {T.link}
      </Text>
      <Popup visible={tool !== null} position="bottom" round title={tool === 'image' ? T.image : T.link} onClose={close}>
        {tool === 'image' ? (
          <View className="kefu-faq__sheet" data-testid="image-popup">
            <Input className="kefu-form__input" value={address} placeholder={T.addressPlaceholder} maxLength={300} onChange={setAddress} />
            <Input className="kefu-form__input" value={caption} placeholder={T.captionPlaceholder} maxLength={40} onChange={setCaption} />
            <Button block type="primary" data-testid="insert-image-ok" onClick={insertImage}>
              {T.insert}
            </Button>
          </View>
        ) : tool === 'link' ? (
          <View className="kefu-faq__sheet" data-testid="link-popup">
            {LINKABLE_PAGES.map((p) => (
              <View key={p.path} className={`kefu-faq__sheet-item${p.path === page ? ' kefu-faq__sheet-item--active' : ''}`} data-testid={`link-page-${p.label}`} onClick={() => setPage(p.path)}>
                <Text>{p.label}</Text>
              </View>
            ))}
            <Input className="kefu-form__input" value={words} placeholder={T.wordsPlaceholder} maxLength={20} onChange={setWords} />
            <Button block type="primary" data-testid="insert-link-ok" onClick={insertLink}>
              {T.insert}
            </Button>
          </View>
        ) : null}
      </Popup>
    </View>
  );
}
