// Renders the manager subpackage's page signed in as `role` (admin.whoami answered by the fake functions).
import { render } from '@testing-library/react';
import type { Role } from '../../core/roles';
import { MeProvider } from '../../miniprogram/hooks/useMe';
import ManagerPage from '../../miniprogram/manager/pages/index/index';
import type { FakeFunctions } from './fake-functions';
import { whoami } from './fixtures';

export function renderManagerAs(functions: FakeFunctions, role: Role, name = '王芳') {
  functions.ok('admin.whoami', whoami(role, name));
  return render(
    <MeProvider>
      <ManagerPage />
    </MeProvider>,
  );
}
