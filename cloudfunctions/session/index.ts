import { defineFunction } from '../_shared/handler';

// The actions of this function arrive with their issue (see docs/api.md); until then
// every call answers INVALID_INPUT "未知的操作" through the shared wrapper.
export const main = defineFunction('session', {});
