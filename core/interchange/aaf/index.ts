export { readAaf } from './read.ts';
