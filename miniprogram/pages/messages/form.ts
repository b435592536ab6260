// The 留言 form's rules on the client (session.leaveMessage checks them again).
import { mainlandMobile } from '../../../core/schemas/common';

export const LEAVE_TEXT_MAX = 500;

export const LEAVE_ERRORS = {
  text: '请填写留言内容',
  textTooLong: `留言不能超过 ${LEAVE_TEXT_MAX} 个字`,
} as const;

export interface LeaveForm {
  text: string;
  phone: string;
}

export type LeaveErrors = Partial<Record<keyof LeaveForm, string>>;

/** The errors of the form, and the input to send when there are none. */
export function validateLeave(form: LeaveForm): { errors: LeaveErrors; input?: { text: string; phone?: string } } {
  const errors: LeaveErrors = {};
  const text = form.text.trim();
  if (text === '') errors.text = LEAVE_ERRORS.text;
  else if (text.length > LEAVE_TEXT_MAX) errors.text = LEAVE_ERRORS.textTooLong;
  let phone: string | undefined;
  if (form.phone.trim() !== '') {
    // The same rule as the function (spaces, dashes and +86 are accepted), with its message.
    const parsed = mainlandMobile.safeParse(form.phone);
    if (parsed.success) phone = parsed.data;
    else errors.phone = parsed.error.issues[0]?.message ?? '手机号格式不正确';
  }
  if (errors.text || errors.phone) return { errors };
  return { errors, input: phone ? { text, phone } : { text } };
}
