export * from './key-summary';
export * from './review-view';
