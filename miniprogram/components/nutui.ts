// The NutUI components the main package uses, each with its own stylesheet, so only these ship.
// (NutUI 3 ships per-component ES modules and CSS; there is no babel-plugin-import in this repo.)
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/grid/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/popup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/rate/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/searchbar/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell';
export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup';
export { default as Empty } from '@nutui/nutui-react-taro/dist/es/packages/empty';
export { default as Grid } from '@nutui/nutui-react-taro/dist/es/packages/grid';
export { default as GridItem } from '@nutui/nutui-react-taro/dist/es/packages/griditem';
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input';
export { default as Loading } from '@nutui/nutui-react-taro/dist/es/packages/loading';
export { default as Popup } from '@nutui/nutui-react-taro/dist/es/packages/popup';
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag';
export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog';
export { default as Rate } from '@nutui/nutui-react-taro/dist/es/packages/rate';
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea';
export { default as SearchBar } from '@nutui/nutui-react-taro/dist/es/packages/searchbar';
