import type { PropsWithChildren } from 'react';
import { initCloud } from './api/cloud';
import { DevRoleSwitcher } from './components/DevRoleSwitcher';
import { MeProvider } from './hooks/useMe';
import './app.scss';

// Before any page asks a function for something (weapp: Taro.cloud.init; h5: nothing).
initCloud();

function App({ children }: PropsWithChildren) {
  // `children` are the pages; the provider shares who the user is with all of them.
  return (
    <MeProvider>
      {children}
      <DevRoleSwitcher />
    </MeProvider>
  );
}

export default App;
