// NutUI's TextArea is Taro's <taro-textarea-core> web component in jsdom: it reports typing as a
// CustomEvent with the value in `detail`, which fireEvent.input cannot make.
export function typeInTextArea(root: Element | null, value: string): void {
  const el = root?.matches('taro-textarea-core') ? root : root?.querySelector('taro-textarea-core');
  if (!el) throw new Error('no text area');
  el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
}
