// Integration and e2e tests run the built bundles, as CloudBase would: rebuild stale ones first.
import { buildStaleFunctions } from '../../scripts/build-functions';

export default async function setup(): Promise<void> {
  await buildStaleFunctions();
}
