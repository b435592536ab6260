// Mini-programs: the keyboard's 发送 key fires the text area's `confirm` (see Composer's confirmType).
export function enterToSend(_send: () => void): Record<string, unknown> | undefined {
  return undefined;
}
