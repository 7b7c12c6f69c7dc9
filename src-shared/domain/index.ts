export * from './common.js';
export * from './commission.js';
export * from './session.js';
export * from './programme.js';
export * from './activity.js';
export * from './signature.js';
export * from './document.js';
export * from './person.js';
