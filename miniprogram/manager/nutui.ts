// NutUI components only the manager subpackage uses; their code and styles stay out of the main package.
import '@nutui/nutui-react-taro/dist/es/packages/actionsheet/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';

export { default as ActionSheet } from '@nutui/nutui-react-taro/dist/es/packages/actionsheet';
export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog';
