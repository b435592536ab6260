import type { FIELD_TYPES } from '../schemas/templates.schema';

/** Chinese names of the types, for reasons and the manager UI. */
export const FIELD_TYPE_LABELS: Record<(typeof FIELD_TYPES)[number], string> = {
  thing: '事物',
  number: '数字',
  letter: '字母',
  symbol: '符号',
  character_string: '字符串',
  time: '时间',
  date: '日期',
  amount: '金额',
  phone_number: '电话',
  car_number: '车牌',
  name: '姓名',
  phrase: '汉字',
};

