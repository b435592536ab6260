// NutUI components the appointment pages add to those of components/nutui.ts (each with its own styles).
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css';

export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog';
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea';
