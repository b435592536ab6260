// h5: the unread count in the tab title, 「(3) 客服工作台」, so a background tab shows new messages.
const TITLE = '客服工作台';

/** Called with the desk's total unread count each time it is read; 0 restores the plain title. */
export function alertNewMessage(count: number): void {
  document.title = count > 0 ? `(${count}) ${TITLE}` : TITLE;
}
