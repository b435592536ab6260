// h5: a full URL that opens the join page (hash router).
export function joinLink(code: string): string {
  return `${window.location.origin}/#/pages/join/index?code=${encodeURIComponent(code)}`;
}
