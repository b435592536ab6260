// Mini-program builds have real WeChat identity: no role switcher (the h5 one is `index.h5.tsx`).
export function DevRoleSwitcher() {
  return null;
}
