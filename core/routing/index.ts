// Routing: pure policy shared by the routing server code, benchmarks and tests.
export * from './policy';
export * from './priority';
export * from './wait';
export * from './hours';
export * from './presence';
