// Mini-program: the page path an admin shares (e.g. as a mini-program code or in a chat).
export function joinLink(code: string): string {
  return `pages/join/index?code=${encodeURIComponent(code)}`;
}
