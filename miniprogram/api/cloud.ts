// Platform setup run once at launch; only weapp has something to do (`cloud.weapp.ts`).
export function initCloud(): void {}
