export * from './browser-signals';
export * from './browser-use-refusal';
