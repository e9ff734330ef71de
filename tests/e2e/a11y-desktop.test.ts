import { a11ySuite } from './a11y-suite.ts';

await a11ySuite('desktop');
