// Appointments: pure rules shared by the `appointment` function, the mini-program and tests.
export * from './clock';
export * from './phone';
export * from './service';
export * from './slots';
export * from './status';
