export * from './canonical-json';
export * from './audit-record';
export * from './chain-verifier';
export * from './csv';
export * from './collections';
export * from './reconcile';
export * from './merkle';
export * from './signed-note';
