// h5: Enter sends, Shift+Enter is a new line; an Enter that ends an IME composition only commits the text.
// The handler goes on the native <textarea> inside Taro's web component, so it gets the DOM event.
export function enterToSend(send: () => void): Record<string, unknown> {
  return {
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      send();
    },
  };
}
