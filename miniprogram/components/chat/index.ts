// Chat building blocks shared by the customer chat (pages/chat) and the agent desk (agent/pages/conversation).
export { Composer, type ComposerProps } from './Composer';
export { MessageList, type ChatViewer, type MessageListProps, type SuggestionPick } from './MessageList';
export { chatTime } from './time';
export { STATUS_TEXT, mergeMessages, queueText } from './status';
export { ConversationStatusTag } from './StatusTag';
