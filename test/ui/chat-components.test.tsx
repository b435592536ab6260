import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../miniprogram/api/errors';
import { Composer, MessageList, chatTime, mergeMessages, queueText } from '../../miniprogram/components/chat';
import { installChatStubs, msg } from './chat-fixtures';
import { taro } from './taro-shim';
import { typeInTextArea } from './text-area';

const files = vi.hoisted(() => ({
  choose: vi.fn<() => Promise<string | null>>(),
  upload: vi.fn<(localPath: string, openid: string) => Promise<string>>(),
}));
vi.mock('../../miniprogram/api/files', () => ({
  fileUrl: (fileId: string) => `/files/${fileId.replace('cloud://', '')}`,
  chooseChatImage: () => files.choose(),
  uploadChatImage: (localPath: string, openid: string) => files.upload(localPath, openid),
}));

let stubs: ReturnType<typeof installChatStubs>;
beforeEach(() => {
  stubs = installChatStubs();
  files.choose.mockReset();
  files.upload.mockReset();
});

const thread = [
  msg({ id: 'a', from: 'bot', authorName: '小暖助手', text: '您是不是想问：', createdAt: '2025-11-26T02:00:00.000Z', suggestions: [{ id: 'faq-refund', question: '如何申请退款？' }] }),
  msg({ id: 'b', from: 'customer', authorName: '小王', text: '转人工', createdAt: '2025-11-26T02:01:00.000Z' }),
  msg({ id: 'c', from: 'system', authorName: '', text: '客服 李雷 已接入', createdAt: '2025-11-26T02:02:00.000Z' }),
  msg({ id: 'd', from: 'agent', authorName: '李雷', text: '您好，请问什么问题？', createdAt: '2025-11-26T02:10:00.000Z' }),
  msg({ id: 'e', from: 'agent', authorName: '李雷', text: '', kind: 'note', createdAt: '2025-11-26T02:11:00.000Z' }),
  msg({ id: 'f', from: 'customer', authorName: '小王', text: '', kind: 'image', image: 'cloud://env/chat/openid-customer/abcdefghijklmnop.png', createdAt: '2025-11-26T02:12:00.000Z' }),
];

describe('MessageList', () => {
  it('puts the customer on the right for the customer, with author names on the other side', () => {
    render(<MessageList messages={thread} viewer="customer" />);
    const items = screen.getAllByTestId('msg');
    expect(items.map((el) => el.getAttribute('data-from'))).toEqual(['bot', 'customer', 'system', 'agent', 'agent', 'customer']);
    expect(items[1]!.className).toContain('kefu-msg--own');
    expect(items[3]!.className).toContain('kefu-msg--other');
    expect(items[3]!.textContent).toContain('李雷');
    expect(items[1]!.querySelector('.kefu-msg__author')).toBeNull();
    expect(items[2]!.className).toContain('kefu-msg--system');
  });

  it('puts agents on the right for an agent and marks internal notes', () => {
    render(<MessageList messages={thread} viewer="agent" />);
    const items = screen.getAllByTestId('msg');
    expect(items[3]!.className).toContain('kefu-msg--own');
    expect(items[1]!.className).toContain('kefu-msg--other');
    expect(items[4]!.className).toContain('kefu-msg--note');
    expect(items[4]!.textContent).toContain('内部备注');
  });

  it('shows a time line only between messages more than 5 minutes apart, on the UTC+8 clock', () => {
    const { container } = render(<MessageList messages={thread} viewer="customer" />);
    const times = [...container.querySelectorAll('.kefu-msg-list__time')].map((el) => el.textContent);
    // 02:00Z and 02:10Z are 10:00 and 10:10 in UTC+8; the 1- and 2-minute gaps get none.
    expect(times).toHaveLength(2);
    expect(times[0]).toMatch(/10:00$/);
    expect(times[1]).toMatch(/10:10$/);
  });

  it('hands a tapped suggestion to onSuggestion', () => {
    const onSuggestion = vi.fn();
    render(<MessageList messages={thread} viewer="customer" onSuggestion={onSuggestion} />);
    fireEvent.click(screen.getByText('如何申请退款？'));
    expect(onSuggestion).toHaveBeenCalledWith({ id: 'faq-refund', question: '如何申请退款？' });
  });

  it('shows pictures through fileUrl and previews them on tap', () => {
    render(<MessageList messages={thread} viewer="customer" />);
    const image = screen.getByTestId('msg-image');
    fireEvent.click(image);
    expect(stubs.previewImage).toHaveBeenCalledWith({
      urls: ['/files/env/chat/openid-customer/abcdefghijklmnop.png'],
      current: '/files/env/chat/openid-customer/abcdefghijklmnop.png',
    });
  });

  it('scrolls to the newest message when one is added', async () => {
    const { rerender } = render(<MessageList messages={thread.slice(0, 2)} viewer="customer" />);
    const scroll = vi.mocked(Element.prototype.scrollIntoView);
    scroll.mockClear();
    rerender(<MessageList messages={thread} viewer="customer" />);
    await waitFor(() => expect(scroll).toHaveBeenCalled());
    expect(scroll.mock.contexts.at(-1)).toBe(document.getElementById('kefu-msg-f'));
  });
});

function Harness(props: { onSend: (text: string) => void | Promise<void>; onImage?: (id: string) => void; uploaderId?: string; disabled?: boolean }) {
  const [value, setValue] = useState('');
  return <Composer value={value} onChange={setValue} {...props} toolbar={<span>快捷回复</span>} />;
}

describe('Composer', () => {
  it('sends the trimmed text; 发送 is disabled while empty', async () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    expect(screen.getByText('快捷回复')).toBeTruthy();
    const send = screen.getByTestId('composer-send');
    expect(send.hasAttribute('disabled') || send.className.includes('disabled')).toBe(true);
    typeInTextArea(screen.getByTestId('composer-input'), '  你好  ');
    await waitFor(() => expect(screen.getByTestId('composer-send').className).not.toContain('disabled'));
    fireEvent.click(screen.getByTestId('composer-send'));
    expect(onSend).toHaveBeenCalledWith('你好');
  });

  it('sends on Enter in the browser, but not on Shift+Enter', async () => {
    const onSend = vi.fn();
    render(<Harness onSend={onSend} />);
    typeInTextArea(screen.getByTestId('composer-input'), '你好');
    const textarea = await waitFor(() => {
      const el = screen.getByTestId('composer-input').querySelector('textarea');
      if (!el) throw new Error('text area not rendered yet');
      return el;
    });
    fireEvent.keyDown(textarea, { key: 'Enter', shiftKey: true });
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.keyDown(textarea, { key: 'Enter' });
    expect(onSend).toHaveBeenCalledWith('你好');
  });

  it('sends once for a double tap while sending', async () => {
    let finish: () => void = () => undefined;
    const onSend = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<Harness onSend={onSend} />);
    typeInTextArea(screen.getByTestId('composer-input'), '在吗');
    await waitFor(() => expect(screen.getByTestId('composer-send').className).not.toContain('disabled'));
    fireEvent.click(screen.getByTestId('composer-send'));
    fireEvent.click(screen.getByTestId('composer-send'));
    expect(onSend).toHaveBeenCalledTimes(1);
    finish();
  });

  it('shows the error of a failed send as a toast', async () => {
    render(<Harness onSend={() => Promise.reject(new ApiCallError('CONFLICT', '会话已结束'))} />);
    typeInTextArea(screen.getByTestId('composer-input'), '在吗');
    await waitFor(() => expect(screen.getByTestId('composer-send').className).not.toContain('disabled'));
    fireEvent.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(taro.toasts).toEqual(['会话已结束']));
  });

  it('has no picture button without onImage and uploaderId', () => {
    render(<Harness onSend={vi.fn()} onImage={vi.fn()} />);
    expect(screen.queryByTestId('composer-image')).toBeNull();
  });

  it('chooses, uploads as the uploader and hands over the file id', async () => {
    let release: (id: string) => void = () => undefined;
    files.choose.mockResolvedValue('/tmp/photo.png');
    files.upload.mockImplementation(() => new Promise<string>((resolve) => (release = resolve)));
    const onImage = vi.fn();
    render(<Harness onSend={vi.fn()} onImage={onImage} uploaderId="openid-customer" />);
    fireEvent.click(screen.getByTestId('composer-image'));
    await screen.findByText('上传中…');
    expect(files.upload).toHaveBeenCalledWith('/tmp/photo.png', 'openid-customer');
    release('cloud://env/chat/openid-customer/abcdefghijklmnop.png');
    await waitFor(() => expect(onImage).toHaveBeenCalledWith('cloud://env/chat/openid-customer/abcdefghijklmnop.png'));
    await waitFor(() => expect(screen.queryByText('上传中…')).toBeNull());
  });

  it('does nothing when the picker is cancelled and toasts an upload failure', async () => {
    const onImage = vi.fn();
    files.choose.mockResolvedValueOnce(null);
    render(<Harness onSend={vi.fn()} onImage={onImage} uploaderId="openid-customer" />);
    fireEvent.click(screen.getByTestId('composer-image'));
    await waitFor(() => expect(files.choose).toHaveBeenCalledTimes(1));
    expect(files.upload).not.toHaveBeenCalled();

    files.choose.mockResolvedValueOnce('/tmp/big.png');
    files.upload.mockRejectedValueOnce(new ApiCallError('INVALID_INPUT', '图片不能超过 5MB'));
    fireEvent.click(screen.getByTestId('composer-image'));
    await waitFor(() => expect(taro.toasts).toEqual(['图片不能超过 5MB']));
    expect(onImage).not.toHaveBeenCalled();
  });
});

describe('chat helpers', () => {
  it('words the queue line, with and without an estimate', () => {
    expect(queueText(3, 240)).toBe('前面还有 2 位，预计等待约 4 分钟');
    expect(queueText(1, 20)).toBe('前面还有 0 位，预计等待约 1 分钟');
    expect(queueText(2, undefined)).toBe('前面还有 1 位，客服上线后将尽快为您服务');
    expect(queueText(undefined, undefined)).toBe('正在为您安排客服');
  });

  it('merges message lists by id in time order without losing any', () => {
    const a = msg({ id: 'x1', createdAt: '2025-11-26T02:00:00.000Z' });
    const b = msg({ id: 'x2', createdAt: '2025-11-26T02:01:00.000Z' });
    const c = msg({ id: 'x3', createdAt: '2025-11-26T02:02:00.000Z' });
    expect(mergeMessages([a, c], [b, { ...c, text: 'edited' }]).map((m) => [m.id, m.text])).toEqual([
      ['x1', a.text],
      ['x2', b.text],
      ['x3', 'edited'],
    ]);
    expect(mergeMessages([a, b, c], [a]).map((m) => m.id)).toEqual(['x1', 'x2', 'x3']);
  });

  it('dates older messages, on the UTC+8 day', () => {
    const now = Date.parse('2025-11-26T04:00:00.000Z');
    expect(chatTime('2025-11-26T01:30:00.000Z', now)).toBe('09:30');
    // 17:30Z on the 25th is already 01:30 on the 26th in UTC+8.
    expect(chatTime('2025-11-25T17:30:00.000Z', now)).toBe('01:30');
    expect(chatTime('2025-11-25T15:30:00.000Z', now)).toBe('11月25日 23:30');
    expect(chatTime('2024-03-01T02:00:00.000Z', now)).toBe('2024年3月1日 10:00');
  });
});
